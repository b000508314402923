// Which copied globals hold an object of the "playground" API. The object
// is copied into a thread like any other value, but what it stands for is
// shared memory (API.md §1: "Objects from this API ... are shared by
// everyone"), so writing through it is not the lost write the editor warns
// about (checks.ts): `done.set()`, `counts[i] += 1` on a shared array and
// `total.value += 1` reach every thread. A `local()` object is per thread by
// design, which is what its writer asked for.
//
// An array of such objects (`const flags = [new Event(), new Event()]`,
// `Array.from({ length: 3 }, () => new Event())`, `ids.map(() => new
// Lock())`) is a copy of the array, but a method called on an element
// (`flags[0].set()`) reaches the shared object, as does an element's
// `.value` in an array of `Value`s; replacing an element does not.
//
// A subarray of a shared array is shared memory too: `counts.subarray(1)`
// (a thread's writes through it reach every thread). A typed array made
// over its `.buffer` is not followed: that buffer is the whole shared heap,
// and such a view is no part of the array (its writes stay warned).
//
// Only `const` bindings count: a `let` may be given a plain value later,
// and the warning cannot know which value a thread will see. An unknown
// maker (a user function that returns a Lock) is not followed: the warning
// then stays, as it was.

import ts from "typescript";
import { PLAYGROUND } from "./import-rewrite";
import { isArray } from "./array-values";

/** What a const holds: a shared typed array, a `Value`, another sync object, a thread-local, an array of sync objects or of `Value`s */
export type ApiHolding = "sharedArray" | "value" | "object" | "local" | "objects" | "values";

const OBJECT_CLASSES = new Set([
  "Lock", "RLock", "RWLock", "Condition", "Semaphore", "BoundedSemaphore", "Event", "Barrier",
  "Queue", "LifoQueue", "PriorityQueue",
]);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) {
    e = e.expression;
  }
  return e;
}

function isPlaygroundImport(decl: ts.Node): boolean {
  let n: ts.Node | undefined = decl;
  while (n && !ts.isImportDeclaration(n)) n = n.parent;
  return !!n && ts.isStringLiteralLike(n.moduleSpecifier) && n.moduleSpecifier.text === PLAYGROUND;
}

/** The export of "playground" that `callee` names: `Lock`, `L` (imported as Lock), `pg.Lock` */
export function playgroundExport(callee: ts.Expression, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): string | undefined {
  callee = unwrap(callee);
  if (ts.isIdentifier(callee)) {
    const decl = symbolOf(callee)?.declarations?.[0];
    if (!decl || !ts.isImportSpecifier(decl) || !isPlaygroundImport(decl)) return undefined;
    return (decl.propertyName ?? decl.name).text;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const decl = symbolOf(callee.expression)?.declarations?.[0];
    const isModuleObject = decl && (ts.isNamespaceImport(decl) || ts.isImportClause(decl));
    return isModuleObject && isPlaygroundImport(decl) ? callee.name.text : undefined;
  }
  return undefined;
}

/** Whether `e` makes a sync object of the API (`new Event()`, `new pg.Lock()`): an element of an "objects" array */
/** What `e` makes of the API: a sync object (`new Event()`, `new pg.Lock()`), a `Value`, or neither: an element of an array of them */
function madeElement(e: ts.Expression | undefined, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): "objects" | "values" | undefined {
  if (!e) return undefined;
  e = unwrap(e);
  if (!ts.isNewExpression(e)) return undefined;
  const name = playgroundExport(e.expression, symbolOf);
  return name === "Value" ? "values" : name !== undefined && OBJECT_CLASSES.has(name) ? "objects" : undefined;
}

/** What a function given to Array.from or map returns, when it is one expression: `() => new Event()`, `() => { return new Event(); }` */
function returned(fn: ts.Expression | undefined): ts.Expression | undefined {
  if (!fn) return undefined;
  fn = unwrap(fn);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  if (!ts.isBlock(fn.body)) return fn.body;
  const only = fn.body.statements.length === 1 ? fn.body.statements[0] : undefined;
  return only && ts.isReturnStatement(only) ? only.expression : undefined;
}

/** Whether `init` is an array each of whose elements is a sync object of the API (see the header). */
/** Whether `init` is an array each of whose elements is a sync object of the API ("objects"), or each a `Value` ("values"). */
function arrayOfMade(init: ts.Expression, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): "objects" | "values" | undefined {
  if (ts.isArrayLiteralExpression(init)) {
    const kinds = new Set(init.elements.map((el) => madeElement(el, symbolOf)));
    const [only] = kinds;
    return init.elements.length > 0 && kinds.size === 1 ? only : undefined;
  }
  if (!ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression)) return undefined;
  const { expression: on, name } = init.expression;
  if (name.text === "from" && ts.isIdentifier(on) && on.text === "Array" && !symbolOf(on)) return madeElement(returned(init.arguments[1]), symbolOf);
  return name.text === "map" && isArray(on, symbolOf) ? madeElement(returned(init.arguments[0]), symbolOf) : undefined;
}

/** how many views of views a holding is followed through (`a.subarray(1).subarray(1)`, a const of a const ...) */
const MAX_VIEW_HOPS = 8;

/** Whether `e` is a shared array of the API: `sharedArray(...)`, or a const that holds one, or a view of one. */
function isSharedArray(e: ts.Expression, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined, hops: number): boolean {
  e = unwrap(e);
  if (ts.isIdentifier(e)) return hops < MAX_VIEW_HOPS && holdingOfConst(symbolOf(e), symbolOf, hops + 1) === "sharedArray";
  return ts.isCallExpression(e) && (playgroundExport(e.expression, symbolOf) === "sharedArray" || isViewOfShared(e, symbolOf, hops));
}

/** `x.subarray(...)` where x is a shared array (see the header). */
function isViewOfShared(init: ts.Expression, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined, hops: number): boolean {
  if (!ts.isCallExpression(init)) return false;
  const callee = unwrap(init.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "subarray" && isSharedArray(callee.expression, symbolOf, hops);
}

function holdingOf(init: ts.Expression | undefined, inPipePair: boolean, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined, hops = 0): ApiHolding | undefined {
  if (!init) return undefined;
  init = unwrap(init);
  const array = inPipePair ? undefined : arrayOfMade(init, symbolOf);
  if (array) return array;
  if (!inPipePair && isViewOfShared(init, symbolOf, hops)) return "sharedArray";
  if (!ts.isNewExpression(init) && !ts.isCallExpression(init)) return undefined;
  const name = playgroundExport(init.expression, symbolOf);
  if (inPipePair) return name === "Pipe" ? "object" : undefined;
  if (ts.isCallExpression(init)) return name === "sharedArray" ? "sharedArray" : name === "local" ? "local" : undefined;
  if (name === "Value") return "value";
  return name !== undefined && OBJECT_CLASSES.has(name) ? "object" : undefined;
}

/** Whether `init` makes something with the API (`new Event()`, `sharedArray(...)`, `pg.Lock()`): shared, or the runtime's, not a plain copy. */
export function madeByApi(init: ts.Expression | undefined, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): boolean {
  if (!init) return false;
  init = unwrap(init);
  return (ts.isNewExpression(init) || ts.isCallExpression(init)) && playgroundExport(init.expression, symbolOf) !== undefined;
}

/** What the top-level const `symbol` holds, if it is an object of the API (see the header). */
export function apiHoldingOf(symbol: ts.Symbol | undefined, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): ApiHolding | undefined {
  return holdingOfConst(symbol, symbolOf, 0);
}

function holdingOfConst(symbol: ts.Symbol | undefined, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined, hops: number): ApiHolding | undefined {
  const decls = symbol?.declarations;
  if (!decls || decls.length !== 1) return undefined;
  let decl: ts.Node = decls[0];
  // `const [reader, writer] = Pipe()`: each end is a Connection.
  const inPipePair = ts.isBindingElement(decl) && ts.isArrayBindingPattern(decl.parent) && !decl.dotDotDotToken;
  if (inPipePair) decl = decl.parent.parent;
  if (!ts.isVariableDeclaration(decl) || !(decl.parent.flags & ts.NodeFlags.Const)) return undefined;
  return holdingOf(decl.initializer, inPipePair, symbolOf, hops);
}

/**
 * Whether a write through a const holding `holding` reaches shared memory.
 * `step` is the access right over the binding: `x[i]`, `x.value`, or the
 * callee `x.set` of a method call (`call`; also `x[i]` of `x[i].set()`);
 * `outer`, the access over `step` if any (`x[i].value` over `x[i]`).
 */
export function writesShared(holding: ApiHolding | undefined, step: ts.Expression, call: boolean, outer?: ts.Expression): boolean {
  switch (holding) {
    case "local":
      return true;
    case "sharedArray":
      return call || ts.isElementAccessExpression(step);
    case "value":
      return ts.isPropertyAccessExpression(step) && step.name.text === "value";
    case "object":
      return call;
    case "objects":
      return call && ts.isElementAccessExpression(step);
    case "values":
      // `vals[i].value = 1`: the access past the element is the write's (`outer`).
      return ts.isElementAccessExpression(step) && !!outer && ts.isPropertyAccessExpression(outer) && outer.name.text === "value";
    default:
      return false;
  }
}
