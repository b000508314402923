// Errors the parser does not report but that would break the compiled body
// (reserved `__pg` names, misplaced await/return/break/continue, import.meta,
// imports of other modules): the runtime would otherwise get a SyntaxError
// without a position. And the warning API.md §1 promises: a function that
// writes a copied global changes only the copy of the thread it runs in.

import ts from "typescript";
import type { Report } from "./diagnostics";
import { foreignModuleUse, ONLY_PLAYGROUND } from "./import-rewrite";
import type { ModuleScope } from "./module-scope";
import { isTypeOnly, type References } from "./references";
import { isAssignmentOperator } from "./shared-globals";

/** Methods that change the object they are called on (arrays, maps, sets, typed arrays). */
const MUTATORS = new Set([
  "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin",
  "set", "add", "delete", "clear",
]);

export const copiedWriteMessage = (name: string) =>
  `'${name}' is copied into each thread at start(); this write changes only the writer's copy`;

/** The variable at the root of `x`, `x.a[i]`, `(x).b` */
function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  for (;;) {
    if (ts.isIdentifier(e)) return e;
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e)
      || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else return undefined;
  }
}

/** Identifiers written by a destructuring assignment target */
function targetRoots(e: ts.Expression, out: ts.Identifier[]): void {
  if (ts.isArrayLiteralExpression(e)) for (const el of e.elements) targetRoots(el, out);
  else if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) targetRoots(p.initializer, out);
      else if (ts.isShorthandPropertyAssignment(p)) out.push(p.name);
      else if (ts.isSpreadAssignment(p)) targetRoots(p.expression, out);
    }
  } else if (ts.isSpreadElement(e)) targetRoots(e.expression, out);
  else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) targetRoots(e.left, out);
  else {
    const root = rootIdentifier(e);
    if (root) out.push(root);
  }
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
  const copiedName = (id: ts.Identifier): string | undefined => {
    const symbol = refs.symbols.get(id);
    return symbol && scope.copied.get(symbol);
  };
  const written = (targets: ts.Identifier[], at: ts.Node) => {
    for (const id of targets) {
      const name = copiedName(id);
      if (name) report(at, copiedWriteMessage(name), "warning");
    }
  };
  const writesIn = (node: ts.Node): ts.Identifier[] => {
    const out: ts.Identifier[] = [];
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) targetRoots(node.left, out);
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node))
      && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) targetRoots(node.operand, out);
    else if (ts.isDeleteExpression(node)) targetRoots(node.expression, out);
    else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      targetRoots(node.initializer as ts.Expression, out);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
      && MUTATORS.has(node.expression.name.text)) {
      const root = rootIdentifier(node.expression.expression);
      if (root) out.push(root);
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
    if (ctx.inFunction) written(writesIn(node), node);

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
