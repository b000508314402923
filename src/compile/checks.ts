// Errors the parser does not report but that would break the compiled body
// (reserved `__pg` names, misplaced await/return/break/continue, import.meta,
// imports of other modules): the runtime would otherwise get a SyntaxError
// without a position. And the warning API.md §1 promises: a function that
// writes a copied global changes only the copy of the thread it runs in
// (not when the write goes through an API object to shared memory:
// api-holdings.ts; nor where only the thread that made the copy runs it:
// threaded-functions.ts); and its like for a Thread subclass's fields,
// which start() copies unless they hold a number or a boolean
// (thread-fields.ts).

import ts from "typescript";
import type { Report } from "./diagnostics";
import { apiHoldingOf, writesShared } from "./api-holdings";
import { functionPlaces, runsAs, threadedFunctions } from "./threaded-functions";
import { copiedFieldWrite } from "./thread-fields";
import { processFunctions, processWriteMessage } from "./process-functions";
import { foreignModuleUse, ONLY_PLAYGROUND } from "./import-rewrite";
import type { ModuleScope } from "./module-scope";
import { isTypeOnly, type References } from "./references";
import { isAssignmentOperator } from "./shared-globals";
import { isGlobalAtomics } from "./checked-memory";

/** Methods that change the object they are called on (arrays, maps, sets, typed arrays). */
const MUTATORS = new Set([
  "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin",
  "set", "add", "delete", "clear",
]);

export const copiedWriteMessage = (name: string) =>
  `'${name}' is copied into each thread at start(); this write changes only the writer's copy`;

/** A write's target: the variable at its root, the access right over it (`x[i]` in `x[i].a = 1`; none for `x = 1`), and the one over that (`x[i].a`) */
interface Written { root: ts.Identifier; step?: ts.Expression; outer?: ts.Expression; call?: boolean }

/** The variable at the root of `x`, `x.a[i]`, `(x).b`, with the access right over it and the one over that */
function rootOf(e: ts.Expression): Written | undefined {
  let step: ts.Expression | undefined;
  let outer: ts.Expression | undefined;
  for (;;) {
    if (ts.isIdentifier(e)) return { root: e, step, outer };
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      outer = step;
      step = e;
      e = e.expression;
    } else if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else return undefined;
  }
}

/** Identifiers written by a destructuring assignment target */
function targetRoots(e: ts.Expression, out: Written[]): void {
  if (ts.isArrayLiteralExpression(e)) for (const el of e.elements) targetRoots(el, out);
  else if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) targetRoots(p.initializer, out);
      else if (ts.isShorthandPropertyAssignment(p)) out.push({ root: p.name });
      else if (ts.isSpreadAssignment(p)) targetRoots(p.expression, out);
    }
  } else if (ts.isSpreadElement(e)) targetRoots(e.expression, out);
  else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) targetRoots(e.left, out);
  else {
    const target = rootOf(e);
    if (target) out.push(target);
  }
}

/** What a node writes to, as one expression: an assignment's left side, a ++/-- operand, a delete's, a mutating call's object. */
/** The Atomics operations that write the array they are given. */
const ATOMIC_WRITES = new Set(["add", "sub", "and", "or", "xor", "exchange", "compareExchange", "store"]);

/** `Atomics.add(x, ...)` and the other writes, of the global Atomics (`isUserBinding`: a name the snippet declared). */
function atomicWriteTarget(node: ts.Node, isUserBinding: (id: ts.Identifier) => boolean): ts.Expression | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.arguments.length === 0) return undefined;
  const { expression: on, name } = node.expression;
  return ts.isIdentifier(on) && isGlobalAtomics(on, isUserBinding(on)) && ATOMIC_WRITES.has(name.text) ? node.arguments[0] : undefined;
}

function writeTarget(node: ts.Node): ts.Expression | undefined {
  if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) return node.left;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node))
    && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return node.operand;
  if (ts.isDeleteExpression(node)) return node.expression;
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) return node.expression.expression;
  return undefined;
}

interface Context {
  inFunction: boolean;
  async: boolean;
  /** enclosing loops / loops and switches / labels, within the current function */
  loops: number;
  breakable: number;
  labels: readonly string[];
}

const TOP: Context = { inFunction: false, async: false, loops: 0, breakable: 0, labels: [] };

function isIteration(node: ts.Node): boolean {
  return ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)
    || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** The misplaced break/continue JavaScript rejects, if this is one. */
function jumpError(node: ts.Node, ctx: Context): string | undefined {
  if (!ts.isBreakStatement(node) && !ts.isContinueStatement(node)) return undefined;
  const word = ts.isBreakStatement(node) ? "break" : "continue";
  if (node.label) return ctx.labels.includes(node.label.text) ? undefined : `'${word} ${node.label.text}': no enclosing statement has that label`;
  const inside = ts.isBreakStatement(node) ? ctx.breakable > 0 : ctx.loops > 0;
  return inside ? undefined : `'${word}' can only be used inside a loop${word === "break" ? " or switch" : ""}`;
}

export function checkSnippet(sf: ts.SourceFile, scope: ModuleScope, refs: References, report: Report): void {
  const isUserBinding = (id: ts.Identifier) => refs.symbols.has(id);
  // Only code that may run in another thread writes a copy (threaded-functions.ts).
  const places = functionPlaces(sf, refs);
  const threaded = threadedFunctions(sf, places);
  const mayRunElsewhere = (node: ts.Node) => {
    const at = runsAs(node);
    return at === "elsewhere" || (at !== null && threaded.has(at));
  };
  // A top-level number or boolean is shared by a process's threads, but each process has its own (process-functions.ts).
  const inProcess = processFunctions(sf, refs, places);
  const runsInProcess = (node: ts.Node) => {
    const at = runsAs(node);
    return at !== null && at !== "elsewhere" && inProcess.has(at);
  };
  const copiedName = (id: ts.Identifier): string | undefined => {
    const symbol = refs.symbols.get(id);
    return symbol && scope.copied.get(symbol);
  };
  const symbolOf = (id: ts.Identifier) => refs.symbols.get(id);
  const written = (targets: Written[], at: ts.Node) => {
    for (const { root, step, outer, call } of targets) {
      const name = copiedName(root);
      if (!name) continue;
      if (step && writesShared(apiHoldingOf(refs.symbols.get(root), symbolOf), step, call === true, outer)) continue;
      report(at, copiedWriteMessage(name), "warning");
    }
  };
  const writesIn = (node: ts.Node): Written[] => {
    const out: Written[] = [];
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      targetRoots(node.initializer as ts.Expression, out);
      return out;
    }
    // `Atomics.add(view, 0, 1)` writes view as `view.fill(1)` does. (Looked at first: `add` is a Set's mutator too, and Atomics would be taken for a set.)
    const target = atomicWriteTarget(node, isUserBinding) ?? writeTarget(node);
    if (!target) return out;
    if (!ts.isCallExpression(node)) targetRoots(target, out);
    else {
      const call = rootOf(target);
      // `x.push(1)`: the method is the step over x; `x.a.push(1)` writes through x.a, a property write of x;
      // `x[i].set()` calls a method of x's element (an Event in an array: api-holdings.ts).
      if (call) out.push(call.step ? { ...call, call: call.step === target && ts.isElementAccessExpression(target) } : { root: call.root, step: node.expression, call: true });
    }
    return out;
  };

  const visit = (node: ts.Node, ctx: Context): void => {
    if (isTypeOnly(node)) return;
    if (ts.isIdentifier(node)) {
      if (node.text.startsWith("__pg")) report(node, `'${node.text}': names starting with __pg are reserved for the playground`, "error");
      return;
    }
    if (foreignModuleUse(node, isUserBinding)) report(node, ONLY_PLAYGROUND, "error");
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      if (ctx.inFunction && !ctx.async) report(node, "'await' can only be used in an async function or at the top level", "error");
    }
    if (ts.isReturnStatement(node) && !ctx.inFunction) report(node, "'return' can only be used inside a function", "error");
    if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
      report(node, "'import.meta' is not available in a playground snippet", "error");
    }
    const jump = jumpError(node, ctx);
    if (jump) report(node, jump, "error");
    if (ctx.inFunction) {
      const writes = writesIn(node);
      if (writes.length > 0 && mayRunElsewhere(node)) written(writes, node);
      if (writes.length > 0 && runsInProcess(node)) {
        for (const { root, step } of writes) {
          const symbol = step ? undefined : refs.symbols.get(root);
          const shared = symbol && scope.shared.get(symbol);
          if (shared) report(node, processWriteMessage(shared.name), "warning");
        }
      }
      const target = writeTarget(node);
      const fieldWrite = target && copiedFieldWrite(node, target, symbolOf);
      if (fieldWrite) report(node, fieldWrite, "warning");
    }

    let inner = ctx;
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node) || ts.isPropertyDeclaration(node)) {
      const isAsync = ts.isFunctionLike(node) && (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
      inner = { ...TOP, inFunction: true, async: isAsync };
    } else if (isIteration(node)) {
      inner = { ...ctx, loops: ctx.loops + 1, breakable: ctx.breakable + 1 };
    } else if (ts.isSwitchStatement(node)) {
      inner = { ...ctx, breakable: ctx.breakable + 1 };
    } else if (ts.isLabeledStatement(node)) {
      inner = { ...ctx, labels: [...ctx.labels, node.label.text] };
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  ts.forEachChild(sf, (child) => visit(child, TOP));
}
