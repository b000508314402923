// A nested function that captures locals of enclosing functions cannot be
// re-created in another worker from its source alone. Wrapping it as
//   __pg.closure(fn, ["a", "b"], () => [a, b])
// lets the runtime copy those values when the function is sent to a thread
// (or name them in the error when they cannot be copied). The getter is lazy
// so that creating a closure stays cheap and later writes are seen.

import ts from "typescript";

/** `this`/`arguments` of an enclosing function: named, but never copied */
const LEXICAL = new Set(["this", "arguments"]);

function closureCall(f: ts.NodeFactory, fn: ts.Expression, names: string[]): ts.Expression {
  const values = names.map((n) => (LEXICAL.has(n) ? f.createVoidZero() : f.createIdentifier(n)));
  const getter = f.createArrowFunction(undefined, undefined, [], undefined,
    f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), f.createArrayLiteralExpression(values));
  return f.createCallExpression(
    f.createPropertyAccessExpression(f.createIdentifier("__pg"), "closure"),
    undefined,
    [fn, f.createArrayLiteralExpression(names.map((n) => f.createStringLiteral(n))), getter],
  );
}

/**
 * The name an anonymous function gets from where it stands (`const work =
 * () => ...` is named "work"). Wrapping it in a call would lose that name.
 */
function contextualName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionExpression(fn) && fn.name) || !(ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) return undefined;
  const p = fn.parent;
  const nameOf = (n: ts.Node | undefined) =>
    n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) ? n.text : undefined;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.initializer === fn) return nameOf(p.name);
  if (ts.isPropertyAssignment(p) && p.initializer === fn) return nameOf(p.name);
  if (ts.isPropertyDeclaration(p) && p.initializer === fn) return nameOf(p.name);
  if (ts.isShorthandPropertyAssignment(p) && p.objectAssignmentInitializer === fn) return p.name.text;
  if (ts.isBinaryExpression(p) && p.right === fn && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return nameOf(p.left);
  return undefined;
}

/** `({ "work": fn })["work"]` gives `fn` its contextual name before it is wrapped */
function keepName(f: ts.NodeFactory, fn: ts.Expression, name: string): ts.Expression {
  const holder = f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), fn)]);
  return f.createElementAccessExpression(f.createParenthesizedExpression(holder), f.createStringLiteral(name));
}

/** Wraps a visited function expression or arrow; `original` is its parse-tree node. */
export function wrapClosure(f: ts.NodeFactory, fn: ts.Expression, original: ts.Node, names: string[]): ts.Expression {
  const name = contextualName(original);
  const call = closureCall(f, name ? keepName(f, fn, name) : fn, names);
  return ts.setSourceMapRange(call, { pos: original.getStart(), end: original.end });
}

/**
 * A nested function declaration is hoisted, so it is wrapped by re-binding
 * its name at the start of its block: `work = __pg.closure(work, ...)`.
 */
export function closureRebinding(f: ts.NodeFactory, decl: ts.FunctionDeclaration, names: string[]): ts.Statement {
  const name = decl.name!.text;
  const stmt = f.createExpressionStatement(
    f.createAssignment(f.createIdentifier(name), closureCall(f, f.createIdentifier(name), names)),
  );
  return ts.setSourceMapRange(stmt, { pos: decl.getStart(), end: decl.end });
}
