// Counted loops check the eval-breaker once per block of BLOCK iterations
// instead of once per iteration: loop strip mining, as HotSpot's C2 places
// its safepoint polls in counted loops. In `for (let i = 0; i < n; i++)
// s += i % 7` the check was a fifth of the loop's time (a read of the
// control word against a body of a few cycles); per block it is nothing.
//
//   for (let i = 0; i < n; i++) body
// becomes
//   for (let i = 0; i < n;) {
//     if (__pg_ctl[0] !== 0) __pg.tick();
//     for (const __pg_end = typeof n !== "number" ? i + 1 : n < i + BLOCK ? n : i + BLOCK; i < __pg_end; i++) body
//   }
//
// which runs the same iterations, in the same order, with the same values,
// when (countedLoop checks each, on the parse tree):
//   - the index is declared `let i = <number literal>` (finite, within
//     2^52, where `i + BLOCK` is exact) and the loop steps it by `i++`,
//     `++i` or `i += 1`, so it is a number, and the body never assigns or
//     declares it;
//   - the bound is a number literal (finite, within 2^52), or a local that
//     nothing can change while the loop runs: a const, or a variable that
//     no other function refers to (a getter or valueOf the body reaches
//     could otherwise assign it) in a snippet with no `eval` (which could
//     reach it by name), not a namespace's member (the emit rewrites those),
//     and that the body never assigns or declares, and not a shared global (another thread may change that at
//     any time); a bound that is not a number at run time (an object whose
//     valueOf counts its calls) gets blocks of one iteration, so it is read
//     as often as before;
//   - the body has no break or continue (one would leave or skip the inner
//     loop only) and the loop has no label, no function or class (a closure
//     would see one binding of i where each iteration had its own);
//   - the body calls nothing (no call, new, tagged template, spread or rest,
//     await, yield or `**`): the check is what lets the simulated GIL change hands
//     and the drainer ask for a held-back release, so the time between two
//     checks must stay short; a block of such a body is BLOCK short steps.
//     (What an operator does on its own is not seen: `s + hugeArray` joins
//     the array every iteration, so such a body holds a simulated GIL for
//     up to a block of those. Stop and timeouts end the worker outright and
//     never wait for a check.)

import ts from "typescript";

/** iterations between two checks of a counted loop */
export const BLOCK = 1024;

/** The end of each block, named so the snippet cannot (checks.ts reserves `__pg`). */
const END = "__pg_end";

export interface CountedLoop {
  index: string;
}

/** Whether a body may run BLOCK iterations between checks: it calls nothing and leaves or skips no iteration. */
function plainBody(body: ts.Node, index: string, bound: string | null): boolean {
  let plain = true;
  const names = (n: ts.Node) => ts.isIdentifier(n) && (n.text === index || n.text === bound);
  /** whether `target` (an assignment's left side, a for-in/of's head) names the index or the bound anywhere */
  const assigns = (target: ts.Node): boolean => {
    let hit = false;
    const look = (n: ts.Node) => {
      if (names(n)) hit = true;
      else n.forEachChild(look);
    };
    look(target);
    return hit;
  };
  const visit = (n: ts.Node): void => {
    if (!plain) return;
    if (
      ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n) || ts.isAwaitExpression(n)
      || ts.isYieldExpression(n) || ts.isSpreadElement(n) || ts.isSpreadAssignment(n) || ts.isFunctionLike(n) || ts.isClassLike(n)
      || ts.isBreakOrContinueStatement(n) || ts.isLabeledStatement(n) || ts.isDecorator(n)
      // a rest binding copies a whole array or object, as a spread does
      || (ts.isBindingElement(n) && n.dotDotDotToken !== undefined)
      // any declaration of the name in the body (`var n = 0` assigns an outer var or parameter n; a shadowing one is refused too)
      || ((ts.isVariableDeclaration(n) || ts.isBindingElement(n)) && assigns(n.name))
      // `for (n of xs)`, `for (var n in o)`: a head that assigns
      || ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && assigns(n.initializer))
    ) {
      plain = false;
      return;
    }
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.AsteriskAsteriskToken || op === ts.SyntaxKind.AsteriskAsteriskEqualsToken) plain = false;
      else if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment && assigns(n.left)) plain = false;
    }
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && assigns(n.operand)
      && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) plain = false;
    n.forEachChild(visit);
  };
  visit(body);
  return plain;
}

/** A literal the block arithmetic can trust: finite, and far from where `i + BLOCK` loses precision (2^52). */
function safeLiteral(node: ts.Expression): node is ts.NumericLiteral {
  if (!ts.isNumericLiteral(node)) return false;
  const value = Number(node.text.replace(/_/g, ""));
  return Number.isFinite(value) && Math.abs(value) <= 2 ** 52;
}

function isStep(incrementor: ts.Expression | undefined, index: string): boolean {
  if (!incrementor) return false;
  const isIndex = (e: ts.Expression) => ts.isIdentifier(e) && e.text === index;
  if (ts.isPostfixUnaryExpression(incrementor) || ts.isPrefixUnaryExpression(incrementor)) {
    return incrementor.operator === ts.SyntaxKind.PlusPlusToken && isIndex(incrementor.operand);
  }
  return ts.isBinaryExpression(incrementor) && incrementor.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken
    && isIndex(incrementor.left) && ts.isNumericLiteral(incrementor.right) && incrementor.right.text === "1";
}

export interface Bindings {
  /** a binding of this thread's own: the snippet's, neither a shared global nor a copied top-level variable */
  isLocal(id: ts.Identifier): boolean;
  /** a const, or a variable that no function but its own refers to */
  isSteady(id: ts.Identifier): boolean;
}

/** The loop's index if `node` (a parse-tree loop) may be strip-mined. */
export function countedLoop(node: ts.ForStatement, bindings: Bindings): CountedLoop | null {
  const { isLocal } = bindings;
  if (ts.isLabeledStatement(node.parent)) return null;
  const init = node.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || !(init.flags & ts.NodeFlags.Let) || init.declarations.length !== 1) return null;
  const declaration = init.declarations[0];
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !safeLiteral(declaration.initializer)) return null;
  const index = declaration.name.text;
  const condition = node.condition;
  if (!condition || !ts.isBinaryExpression(condition) || condition.operatorToken.kind !== ts.SyntaxKind.LessThanToken) return null;
  if (!ts.isIdentifier(condition.left) || condition.left.text !== index || !isLocal(condition.left)) return null;
  const bound = condition.right;
  let boundName: string | null = null;
  if (ts.isIdentifier(bound)) {
    if (bound.text === index || !isLocal(bound) || !bindings.isSteady(bound)) return null;
    boundName = bound.text;
  } else if (!safeLiteral(bound)) {
    // (1e400 is Infinity, which the emit writes as a name the snippet may shadow)
    return null;
  }
  if (!isStep(node.incrementor, index) || !plainBody(node.statement, index, boundName)) return null;
  return { index };
}

/** The strip-mined form of `loop` (the visited loop; `counted` from its parse tree), with `check` at each block. */
export function stripMined(f: ts.NodeFactory, loop: ts.ForStatement, counted: CountedLoop, check: ts.Statement): ts.Statement {
  const original = (loop.condition as ts.BinaryExpression).right;
  // Fresh nodes for each use (a node sits in one place in the tree); operators, not Math.min, which the snippet may shadow.
  const bound = () => (ts.isIdentifier(original) ? f.createIdentifier(original.text) : f.createNumericLiteral((original as ts.NumericLiteral).text));
  const index = () => f.createIdentifier(counted.index);
  const ahead = () => f.createAdd(index(), f.createNumericLiteral(BLOCK));
  // The block ends at the bound or BLOCK iterations on; a bound that is not a number, after one iteration.
  const nearer = f.createConditionalExpression(f.createLessThan(bound(), ahead()), undefined, bound(), undefined, ahead());
  const blockEnd = ts.isIdentifier(original)
    ? f.createConditionalExpression(
      f.createStrictInequality(f.createTypeOfExpression(bound()), f.createStringLiteral("number")),
      undefined, f.createAdd(index(), f.createNumericLiteral(1)), undefined, nearer)
    : nearer;
  const inner = f.createForStatement(
    f.createVariableDeclarationList([f.createVariableDeclaration(END, undefined, undefined, blockEnd)], ts.NodeFlags.Const),
    f.createLessThan(index(), f.createIdentifier(END)),
    loop.incrementor,
    loop.statement,
  );
  ts.setSourceMapRange(inner, loop);
  return f.updateForStatement(loop, loop.initializer, loop.condition, undefined, f.createBlock([check, inner], true));
}
