// `asyncio.run(main())` as a statement: Python's asyncio.run blocks until the
// main coroutine is done, so the statements after it see its results. A
// worker cannot block on a promise, but the snippet's body is an async
// function: such a statement at the top level, or in an async function,
// becomes `await asyncio.run(...)`. (In a plain function it cannot; the
// program still waits for the loop before it ends, runtime/thread-main.ts.)

import ts from "typescript";
import { PLAYGROUND } from "./import-rewrite";

/** The `asyncio` of `import { asyncio } from "playground"` (under any local name). */
function isPlaygroundAsyncio(id: ts.Identifier, checker: ts.TypeChecker): boolean {
  const decl = checker.getSymbolAtLocation(id)?.declarations?.[0];
  if (!decl || !ts.isImportSpecifier(decl)) return false;
  const imported = (decl.propertyName ?? decl.name).text;
  const from = decl.parent.parent.parent.moduleSpecifier;
  return imported === "asyncio" && ts.isStringLiteral(from) && from.text === PLAYGROUND;
}

/** Inside no function (the module's body) or an async one. */
function awaitAllowed(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return !!ts.getModifiers(p as ts.FunctionLikeDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    if (ts.isClassStaticBlockDeclaration(p)) return false;
  }
  return true;
}

/** Whether `st` is `asyncio.run(...)`, not awaited, where an await may go. */
export function isBlockingAsyncioRun(st: ts.Node, checker: ts.TypeChecker): st is ts.ExpressionStatement {
  if (!ts.isExpressionStatement(st) || !ts.isCallExpression(st.expression)) return false;
  const callee = st.expression.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "run" && ts.isIdentifier(callee.expression)
    && isPlaygroundAsyncio(callee.expression, checker) && awaitAllowed(st);
}
