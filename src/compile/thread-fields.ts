// The warning API.md §1 implies for a Thread subclass's fields: at start()
// its number and boolean fields move into shared cells (a `stop` flag set by
// MainThread is seen by the thread), and every other field is copied into
// the thread. So `this.results.push(x)` or `this.text = "done"` in run()
// changes only the thread's copy: MainThread, reading `t.results` after
// join(), sees what it had before start(), where Python shows the list the
// thread filled. Warned only where it is certain: in run() itself, of a
// field declared with a value that is neither a number nor a boolean, nor
// an object of the API (an Event, a Queue: shared by everyone). A Process
// subclass's fields are all copied, numbers and booleans too (a process has
// its own memory: api/thread.ts shares none of them).

import ts from "typescript";
import { madeByApi } from "./api-holdings";
import { isThreadClass } from "./threaded-functions";
import { isProcessClass } from "./process-functions";

export const threadFieldWriteMessage = (field: string) =>
  `'this.${field}' is copied into the thread at start(); this write changes only the thread's copy (only number and boolean fields are shared)`;

export const processFieldWriteMessage = (field: string) =>
  `'this.${field}' is copied into the process at start(), numbers too (a process has its own memory); this write changes only the process's copy`;

/** Is `init` a value that start() copies rather than shares (not a number or a boolean)? */
function copiedValue(init: ts.Expression | undefined): boolean {
  while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
  if (!init) return false;
  return ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init) || ts.isStringLiteralLike(init)
    || ts.isTemplateExpression(init) || ts.isNewExpression(init);
}

/** The class whose run() method `node` is written in, if that class is a Thread subclass (a Process one, however it was imported). */
function runOfThreadClass(node: ts.Node, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): ts.ClassLikeDeclaration | undefined {
  for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const cls = n.parent;
    const isRun = ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === "run";
    return isRun && ts.isClassLike(cls) && (isThreadClass(cls) || isProcessClass(cls, symbolOf)) ? cls : undefined;
  }
  return undefined;
}

/** The field of `this` a write's target goes through (`this.f = 1`, `this.f[i] = 1`, `this.f.push(1)`), if any. */
function thisField(target: ts.Expression): string | undefined {
  let e = target;
  let field: string | undefined;
  for (;;) {
    if (e.kind === ts.SyntaxKind.ThisKeyword) return field;
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) field = e.name.text;
      e = e.expression;
    } else if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else return undefined;
  }
}

/**
 * The warning for a write in a Thread subclass's run() through a field
 * start() copies, if it is one: `target` is what an assignment, ++/-- or
 * delete writes, or the object a mutating method is called on.
 */
export function copiedFieldWrite(node: ts.Node, target: ts.Expression, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): string | undefined {
  const field = thisField(target);
  if (!field) return undefined;
  const cls = runOfThreadClass(node, symbolOf);
  const declared = cls?.members.find((m): m is ts.PropertyDeclaration =>
    ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === field);
  const init = declared?.initializer;
  if (!init || madeByApi(init, symbolOf)) return undefined;
  if (cls && isProcessClass(cls, symbolOf)) return processFieldWriteMessage(field);
  return copiedValue(init) ? threadFieldWriteMessage(field) : undefined;
}
