// The fixed start of every compiled body: strict mode (the snippet is an ES
// module, a Function body is not), the locals that cache the shared arrays,
// the thread's copy of the snapshot, and the hooks the runtime uses to read
// the copied globals and to evaluate code in the module's scope.

import ts from "typescript";
import { isMain, SHARED_ARRAY } from "./shared-globals";
import { CONTROL_ARRAY } from "./ticks";

/** The local holding this thread's copy of `__pg.snapshot` */
export const SNAPSHOT = "__pg_s";

const id = (f: ts.NodeFactory, name: string) => f.createIdentifier(name);
const pg = (f: ts.NodeFactory, member: string) => f.createPropertyAccessExpression(id(f, "__pg"), member);
const objectCall = (f: ts.NodeFactory, method: string, args: ts.Expression[]) =>
  f.createCallExpression(f.createPropertyAccessExpression(id(f, "Object"), method), undefined, args);
const constStatement = (f: ts.NodeFactory, name: string, init: ts.Expression) =>
  f.createVariableStatement(undefined, f.createVariableDeclarationList(
    [f.createVariableDeclaration(name, undefined, undefined, init)], ts.NodeFlags.Const));

/**
 * `__pg.name(value, "x")`: tells the runtime that top-level variable `x` was
 * given `value` (a playground object is named after the first, API.md §1); it
 * returns `value`, so it wraps an initialiser or an assignment's right side.
 */
export function namedValue(f: ts.NodeFactory, value: ts.Expression, name: string): ts.Expression {
  return f.createCallExpression(pg(f, "name"), undefined, [value, f.createStringLiteral(name)]);
}

/** `__pg.thrown(value)`: the runtime notes where a value that is not an Error was thrown; returns `value` */
export function thrownValue(f: ts.NodeFactory, value: ts.Expression): ts.Expression {
  return f.createCallExpression(pg(f, "thrown"), undefined, [value]);
}

/** `__pg.back(__pg.aw(__pg.mark(), value), await __pg.held())`: the snippet's `await value`, seen by the runtime (SnippetHost.mark) */
export function awaitedValue(f: ts.NodeFactory, node: ts.AwaitExpression, value: ts.Expression): ts.Expression {
  const call = (name: string, args: ts.Expression[]) => f.createCallExpression(pg(f, name), undefined, args);
  const awaiting = f.updateAwaitExpression(node, call("held", []));
  return call("back", [call("aw", [call("mark", []), value]), awaiting]);
}

/** `__pg_s.name`: a copied global's value in this thread (undefined when absent) */
export function snapshotValue(f: ts.NodeFactory, name: string): ts.Expression {
  return f.createPropertyAccessExpression(id(f, SNAPSHOT), name);
}

/**
 * The snapshot getter reads each copied global in its own try, so one still
 * in its temporal dead zone (declared further down, not reached yet) is left
 * out instead of failing the whole snapshot. The result has no prototype so
 * that a global named like an Object.prototype member is an ordinary key.
 */
function snapshotGetter(f: ts.NodeFactory, names: string[]): ts.Expression {
  const out = "__pg_o";
  const statements: ts.Statement[] = [constStatement(f, out, objectCall(f, "create", [f.createNull()]))];
  for (const name of names) {
    const copy = f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(id(f, out), name), id(f, name)));
    statements.push(f.createTryStatement(f.createBlock([copy]), f.createCatchClause(undefined, f.createBlock([])), undefined));
  }
  statements.push(f.createReturnStatement(id(f, out)));
  return arrow(f, [], f.createBlock(statements, true));
}

function arrow(f: ts.NodeFactory, params: string[], body: ts.ConciseBody): ts.ArrowFunction {
  return f.createArrowFunction(undefined, undefined,
    params.map((p) => f.createParameterDeclaration(undefined, undefined, p)),
    undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body);
}

export function modulePrologue(f: ts.NodeFactory, copiedNames: string[], ticks: boolean): ts.Statement[] {
  const statements: ts.Statement[] = [
    f.createExpressionStatement(f.createStringLiteral("use strict")),
    constStatement(f, SHARED_ARRAY, pg(f, "g")),
  ];
  if (ticks) statements.push(constStatement(f, CONTROL_ARRAY, pg(f, "ctl")));
  // a direct eval, so that it resolves the module's own bindings
  const evalInScope = arrow(f, ["__pg_src"], f.createCallExpression(id(f, "eval"), undefined, [id(f, "__pg_src")]));
  const hooks = f.createObjectLiteralExpression([
    f.createPropertyAssignment("snapshot", snapshotGetter(f, copiedNames)),
    f.createPropertyAssignment("evalInScope", evalInScope),
  ], true);
  statements.push(f.createExpressionStatement(f.createCallExpression(pg(f, "bindModule"), undefined, [hooks])));
  // Read after bindModule: the runtime rebuilds copied functions and class
  // instances in this module's scope, lazily, as each variable is declared.
  // (__pg.snapshot has no prototype, so a missing name reads as undefined.)
  statements.push(constStatement(f, SNAPSHOT, f.createConditionalExpression(
    isMain(f), undefined, f.createNull(), undefined, pg(f, "snapshot"))));
  return statements;
}
