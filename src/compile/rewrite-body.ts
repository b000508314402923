// The visitor for the code inside top-level statements and declarations:
// references to shared globals become typed-array accesses, functions that
// capture locals are wrapped for the runtime, eval-breaker ticks go into
// loops and function bodies, and require()/import() of "playground" become
// the API object. It runs as a TypeScript `before` transformer, so the
// nodes it sees are parse-tree nodes and type syntax is still present (it is
// skipped here and erased by TypeScript afterwards).

import ts from "typescript";
import { closureRebinding, wrapClosure } from "./closures";
import { rewriteModuleCall } from "./import-rewrite";
import type { ModuleScope } from "./module-scope";
import { isTypeOnly, type References } from "./references";
import { isAssignmentOperator, type SharedEmitter } from "./shared-globals";
import { insertAtStart, isLoop, tickLoopBody, tickStatement, withLoopBody } from "./ticks";
import { countedLoop, stripMined } from "./counted-loops";
import { awaitedValue, namedValue, thrownValue } from "./module-hooks";
import type { SharedGlobal } from "./types";
import { isCheckedAccess, isGlobalAtomics, type MemoryAccess, type MemoryEmitter } from "./checked-memory";

export interface RewriteEnv {
  factory: ts.NodeFactory;
  context: ts.TransformationContext;
  scope: ModuleScope;
  refs: References;
  shared: SharedEmitter;
  ticks: boolean;
  /** a checked compile (the race detector): element and field accesses, and Atomics, go through the host */
  memory?: { emit: MemoryEmitter; fields: ReadonlySet<string> };
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** Whether the value of an assignment is used (it is not in `x = 1;`). */
function valueUsed(node: ts.Expression): boolean {
  const p = node.parent;
  if (ts.isExpressionStatement(p)) return false;
  if (ts.isForStatement(p)) return p.condition === node;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.CommaToken) return p.right === node && valueUsed(p);
  return true;
}

/** Declared in a namespace's body (before any function). */
function inNamespace(declaration: ts.Node): boolean {
  for (let n = declaration.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isModuleBlock(n)) return true;
  }
  return false;
}

/** The function (or the module) a node's code runs in. */
function enclosingFunction(node: ts.Node): ts.Node {
  let n = node.parent;
  while (n && !ts.isFunctionLike(n) && !ts.isSourceFile(n) && !ts.isClassStaticBlockDeclaration(n) && !ts.isPropertyDeclaration(n)) n = n.parent;
  return n;
}

export function createBodyVisitor(env: RewriteEnv): (node: ts.Node) => ts.VisitResult<ts.Node> {
  const { factory: f, context, shared } = env;
  const isUserBinding = (id: ts.Identifier) => env.refs.symbols.has(id);
  const sharedOf = (id: ts.Identifier): SharedGlobal | undefined => {
    const symbol = env.refs.symbols.get(id);
    return symbol && env.scope.shared.get(symbol);
  };
  /** the name of the copied top-level variable `id` refers to, if it does */
  const copiedOf = (id: ts.Identifier): string | undefined => {
    const symbol = env.refs.symbols.get(id);
    return symbol && env.scope.copied.get(symbol);
  };
  /** a binding of this thread's own: the snippet's, neither a shared global nor a copied top-level variable */
  const isLocal = (id: ts.Identifier) => isUserBinding(id) && !sharedOf(id) && !copiedOf(id);
  /** whether the snippet calls eval anywhere: a direct eval can assign any variable in reach by name */
  let evals: boolean | null = null;
  /**
   * A const, or a variable that no function but its own refers to and no
   * eval could reach (nothing else could assign it while a loop of its own
   * runs); never a namespace's member (the emit reaches those through the
   * namespace object, which a fresh name would miss).
   */
  const steady = new Map<ts.Symbol, boolean>();
  const isSteady = (id: ts.Identifier) => {
    const symbol = env.refs.symbols.get(id);
    if (!symbol) return false;
    let known = steady.get(symbol);
    if (known === undefined) steady.set(symbol, (known = steadyBinding(symbol)));
    return known;
  };
  /** (one pass over the snippet's references per bound variable, however many loops it bounds) */
  const steadyBinding = (symbol: ts.Symbol): boolean => {
    const declaration = symbol.valueDeclaration;
    if (!declaration || inNamespace(declaration)) return false;
    if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent)
      && declaration.parent.flags & ts.NodeFlags.Const) return true;
    evals ??= /\beval\b/.test(declaration.getSourceFile().text);
    if (evals) return false;
    const home = enclosingFunction(declaration);
    for (const [ref, s] of env.refs.symbols) if (s === symbol && enclosingFunction(ref) !== home) return false;
    return true;
  };
  const expr = (e: ts.Expression) => ts.visitNode(e, visit, ts.isExpression);
  const memory = env.memory;
  const checkedAccess = (e: ts.Node): e is MemoryAccess => !!memory && env.refs.rewritten.has(e) && isCheckedAccess(e, memory.fields);
  /** a checked access's object and key, visited */
  const accessParts = (e: MemoryAccess): [ts.Expression, ts.Expression] =>
    ts.isElementAccessExpression(e) ? [expr(e.expression), expr(e.argumentExpression)] : [expr(e.expression), memory!.emit.propertyKey(e)];
  /** the access itself left raw (an assignment target the host does not take), its parts visited */
  const rawAccess = (e: MemoryAccess): ts.Expression =>
    ts.isElementAccessExpression(e)
      ? f.updateElementAccessExpression(e, expr(e.expression), expr(e.argumentExpression))
      : f.updatePropertyAccessExpression(e, expr(e.expression), e.name);

  /** An assignment target in a destructuring pattern: shared globals become raw cells. */
  const target = (e: ts.Expression): ts.Expression => {
    if (ts.isParenthesizedExpression(e)) return f.updateParenthesizedExpression(e, target(e.expression));
    if (ts.isIdentifier(e)) {
      const g = sharedOf(e);
      return g ? shared.cell(g, e) : e;
    }
    if (checkedAccess(e)) return rawAccess(e);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return f.updateBinaryExpression(e, target(e.left), e.operatorToken, expr(e.right));
    }
    if (ts.isSpreadElement(e)) return f.updateSpreadElement(e, target(e.expression));
    if (ts.isArrayLiteralExpression(e)) return f.updateArrayLiteralExpression(e, e.elements.map(target));
    if (ts.isObjectLiteralExpression(e)) {
      return f.updateObjectLiteralExpression(e, e.properties.map((p): ts.ObjectLiteralElementLike => {
        if (ts.isPropertyAssignment(p)) {
          return f.updatePropertyAssignment(p, ts.visitNode(p.name, visit, ts.isPropertyName), target(p.initializer));
        }
        if (ts.isShorthandPropertyAssignment(p)) {
          const g = sharedOf(p.name);
          const init = p.objectAssignmentInitializer && expr(p.objectAssignmentInitializer);
          if (!g) return f.updateShorthandPropertyAssignment(p, p.name, init);
          const cell = shared.cell(g, p.name);
          return f.createPropertyAssignment(p.name, init ? f.createAssignment(cell, init) : cell);
        }
        if (ts.isSpreadAssignment(p)) return f.updateSpreadAssignment(p, target(p.expression));
        return ts.visitNode(p, visit, ts.isObjectLiteralElementLike);
      }));
    }
    return expr(e);
  };

  const visitAssignment = (node: ts.BinaryExpression): ts.Expression => {
    const op = node.operatorToken.kind;
    const left = skipParens(node.left);
    if (ts.isIdentifier(left)) {
      const g = sharedOf(left);
      if (g) return shared.assign(g, op, expr(node.right), valueUsed(node), node);
      const copied = copiedOf(left);
      if (copied && op === ts.SyntaxKind.EqualsToken) {
        return f.updateBinaryExpression(node, node.left, node.operatorToken, namedValue(f, expr(node.right), copied));
      }
    }
    if (checkedAccess(left)) {
      const [object, key] = accessParts(left);
      const value = expr(node.right);
      return memory!.emit.assign(left, object, key, op, value, node)
        ?? f.updateBinaryExpression(node, rawAccess(left), node.operatorToken, value);
    }
    if (op === ts.SyntaxKind.EqualsToken && (ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left))) {
      return f.updateBinaryExpression(node, target(node.left), node.operatorToken, expr(node.right));
    }
    return ts.visitEachChild(node, visit, context);
  };

  const visitUpdate = (node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression): ts.Expression => {
    const operand = skipParens(node.operand);
    if (checkedAccess(operand)) {
      const [object, key] = accessParts(operand);
      return memory!.emit.update(operand, object, key, node.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1, ts.isPrefixUnaryExpression(node), node);
    }
    const g = ts.isIdentifier(operand) ? sharedOf(operand) : undefined;
    if (!g) return ts.visitEachChild(node, visit, context);
    const checked = shared.update(g, node, node.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1, ts.isPrefixUnaryExpression(node));
    if (checked) return checked;
    const cell = shared.cell(g, operand);
    return ts.isPrefixUnaryExpression(node) ? f.updatePrefixUnaryExpression(node, cell) : f.updatePostfixUnaryExpression(node, cell);
  };

  const visitLoop = (node: ts.IterationStatement): ts.Statement => {
    const withTick = (loop: ts.IterationStatement, body: ts.Statement) =>
      withLoopBody(f, loop, env.ticks ? tickLoopBody(f, body, node.statement) : body);
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      // `for (x of xs)` assigns x
      const init = target(node.initializer as ts.Expression);
      const loop = ts.isForOfStatement(node)
        ? f.updateForOfStatement(node, node.awaitModifier, init, expr(node.expression), node.statement)
        : f.updateForInStatement(node, init, expr(node.expression), node.statement);
      return withTick(loop, ts.visitNode(node.statement, visit, ts.isStatement));
    }
    const loop = ts.visitEachChild(node, visit, context);
    if (!env.ticks) return loop;
    // A counted loop checks once per block of iterations (counted-loops.ts).
    const counted = ts.isForStatement(node) && ts.isForStatement(loop) ? countedLoop(node, { isLocal, isSteady }) : null;
    if (counted) return stripMined(f, loop as ts.ForStatement, counted, tickStatement(f, node.statement));
    return withTick(loop, loop.statement);
  };

  const visitBlock = (node: ts.Block): ts.Block => {
    const block = ts.visitEachChild(node, visit, context);
    const rebind: ts.Statement[] = [];
    for (const st of node.statements) {
      const names = ts.isFunctionDeclaration(st) ? env.refs.captures.get(st) : undefined;
      if (names) rebind.push(closureRebinding(f, st as ts.FunctionDeclaration, names));
    }
    const p = node.parent;
    if (env.ticks && ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body === node) {
      rebind.unshift(tickStatement(f, node));
    }
    return insertAtStart(f, block, rebind);
  };

  const visitFunction = (node: ts.FunctionExpression | ts.ArrowFunction): ts.Expression => {
    let fn = ts.visitEachChild(node, visit, context);
    if (env.ticks && ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) {
      // `x => expr` gets a block body so it can check too
      const body = f.createBlock([tickStatement(f, node.body), f.createReturnStatement(fn.body)], true);
      fn = f.updateArrowFunction(fn, fn.modifiers, fn.typeParameters, fn.parameters, fn.type, fn.equalsGreaterThanToken, body);
    }
    const names = env.refs.captures.get(node);
    return names ? wrapClosure(f, fn, node, names) : fn;
  };

  const visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
    if (!env.refs.rewritten.has(node) || isTypeOnly(node)) return node;
    if (ts.isIdentifier(node)) {
      if (memory && isGlobalAtomics(node, isUserBinding(node))) return memory.emit.atomics(node);
      const g = sharedOf(node);
      return g ? shared.read(g, node) : node;
    }
    if (checkedAccess(node)) {
      const [object, key] = accessParts(node);
      return memory!.emit.read(node, object, key);
    }
    if (ts.isShorthandPropertyAssignment(node)) {
      const g = sharedOf(node.name);
      if (g) return f.createPropertyAssignment(node.name, shared.read(g, node.name));
    }
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) return visitAssignment(node);
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node))
      && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      return visitUpdate(node);
    }
    if (isLoop(node)) return visitLoop(node);
    if (ts.isThrowStatement(node)) return f.updateThrowStatement(node, thrownValue(f, expr(node.expression)));
    // Every await of the snippet's goes through the runtime, so that an asyncio task is shown waiting at each
    // one, and known again as the task that runs once it resumes (api/asyncio-awaits.ts).
    if (ts.isAwaitExpression(node)) return awaitedValue(f, node, expr(node.expression));
    if (ts.isExpressionStatement(node) && env.refs.awaitedRuns.has(node)) {
      return f.updateExpressionStatement(node, f.createAwaitExpression(expr(node.expression)));
    }
    if (ts.isBlock(node)) return visitBlock(node);
    if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) return visitFunction(node);
    if (ts.isCallExpression(node)) {
      const replaced = rewriteModuleCall(f, node, isUserBinding);
      if (replaced) return replaced;
    }
    return ts.visitEachChild(node, visit, context);
  };
  return visit;
}
