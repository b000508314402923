// The eval-breaker (DESIGN.md "Data flow"): Stop, the GIL's switch interval
// and runaway protection must reach code that never calls the API, as
// CPython's eval loop checks its eval-breaker flag. A check at every loop
// body and function entry bounds the time between checks (a counted loop
// whose body calls nothing checks once per block of iterations instead:
// counted-loops.ts).
//
// The check is a plain read of the control word, `__pg_ctl[0] !== 0`, not
// Atomics.load: V8 (Node 20, Chrome 156) does not inline Atomics.load, so a
// tight loop ran 7-14x slower with it, against 1.0-1.5x with the plain read.
// An aligned Int32 read of shared memory is never torn, and V8 does not
// hoist typed-array loads out of loops (ticks.test.ts checks that a loop
// sees another thread's write). tick() itself synchronises with Atomics.

import ts from "typescript";

/** The local that caches `__pg.ctl`. */
export const CONTROL_ARRAY = "__pg_ctl";

/** `if (__pg_ctl[0] !== 0) __pg.tick();` mapped to `at` */
export function tickStatement(f: ts.NodeFactory, at: ts.Node): ts.Statement {
  const load = f.createElementAccessExpression(f.createIdentifier(CONTROL_ARRAY), f.createNumericLiteral(0));
  const call = f.createExpressionStatement(
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("__pg"), "tick"), undefined, []),
  );
  const stmt = f.createIfStatement(f.createStrictInequality(load, f.createNumericLiteral(0)), call);
  return ts.setSourceMapRange(stmt, { pos: at.getStart(), end: at.getStart() + 1 });
}

/** How many leading statements are directives ("use strict"): those must stay first. */
export function prologueLength(statements: readonly ts.Statement[]): number {
  let n = 0;
  while (n < statements.length) {
    const st = statements[n];
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) break;
    n++;
  }
  return n;
}

/** Inserts statements after the block's directives. */
export function insertAtStart(f: ts.NodeFactory, block: ts.Block, inserted: ts.Statement[]): ts.Block {
  if (!inserted.length) return block;
  const n = prologueLength(block.statements);
  return f.updateBlock(block, [...block.statements.slice(0, n), ...inserted, ...block.statements.slice(n)]);
}

/** A loop body with the check first; a single-statement body becomes a block. */
export function tickLoopBody(f: ts.NodeFactory, body: ts.Statement, original: ts.Node): ts.Statement {
  const tick = tickStatement(f, original);
  if (ts.isBlock(body)) return f.updateBlock(body, [tick, ...body.statements]);
  return f.createBlock([tick, body], true);
}

export function isLoop(node: ts.Node): node is ts.IterationStatement {
  switch (node.kind) {
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
      return true;
  }
  return false;
}

/** Replaces the body of an already visited loop. */
export function withLoopBody(f: ts.NodeFactory, loop: ts.IterationStatement, body: ts.Statement): ts.Statement {
  if (ts.isForStatement(loop)) return f.updateForStatement(loop, loop.initializer, loop.condition, loop.incrementor, body);
  if (ts.isForInStatement(loop)) return f.updateForInStatement(loop, loop.initializer, loop.expression, body);
  if (ts.isForOfStatement(loop)) return f.updateForOfStatement(loop, loop.awaitModifier, loop.initializer, loop.expression, body);
  if (ts.isWhileStatement(loop)) return f.updateWhileStatement(loop, loop.expression, body);
  return f.updateDoStatement(loop as ts.DoStatement, body, (loop as ts.DoStatement).expression);
}
