// Which copied globals hold an object of the "playground" API. The object
// is copied into a thread like any other value, but what it stands for is
// shared memory (API.md §1: "Objects from this API ... are shared by
// everyone"), so writing through it is not the lost write the editor warns
// about (checks.ts): `done.set()`, `counts[i] += 1` on a shared array and
// `total.value += 1` reach every thread. A `local()` object is per thread by
// design, which is what its writer asked for.
//
// Only `const` bindings count: a `let` may be given a plain value later,
// and the warning cannot know which value a thread will see. An unknown
// maker (a user function that returns a Lock) is not followed: the warning
// then stays, as it was.

import ts from "typescript";
import { PLAYGROUND } from "./import-rewrite";

/** What a const holds: a shared typed array, a `Value`, another sync object, a thread-local */
export type ApiHolding = "sharedArray" | "value" | "object" | "local";

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
function playgroundExport(callee: ts.Expression, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): string | undefined {
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

function holdingOf(init: ts.Expression | undefined, inPipePair: boolean, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): ApiHolding | undefined {
  if (!init) return undefined;
  init = unwrap(init);
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
  const decls = symbol?.declarations;
  if (!decls || decls.length !== 1) return undefined;
  let decl: ts.Node = decls[0];
  // `const [reader, writer] = Pipe()`: each end is a Connection.
  const inPipePair = ts.isBindingElement(decl) && ts.isArrayBindingPattern(decl.parent) && !decl.dotDotDotToken;
  if (inPipePair) decl = decl.parent.parent;
  if (!ts.isVariableDeclaration(decl) || !(decl.parent.flags & ts.NodeFlags.Const)) return undefined;
  return holdingOf(decl.initializer, inPipePair, symbolOf);
}

/**
 * Whether a write through a const holding `holding` reaches shared memory.
 * `step` is the access right over the binding: `x[i]`, `x.value`, or the
 * callee `x.set` of a method call (`call`).
 */
export function writesShared(holding: ApiHolding | undefined, step: ts.Expression, call: boolean): boolean {
  switch (holding) {
    case "local":
      return true;
    case "sharedArray":
      return call || ts.isElementAccessExpression(step);
    case "value":
      return ts.isPropertyAccessExpression(step) && step.name.text === "value";
    case "object":
      return call;
    default:
      return false;
  }
}
