// Resolves every value reference in the snippet to its binding (through the
// checker, so a local that shadows a global is told apart) and works out
// which variables of enclosing scopes each nested function captures. The
// runtime needs those names to send a closure to another worker: anything
// not in the module scope cannot be found there by name.

import ts from "typescript";
import { hasModifier, type ModuleScope } from "./module-scope";
import { isLoop } from "./ticks";
import { isBlockingAsyncioRun } from "./asyncio-run";
import { isCheckedAccess, isGlobalAtomics } from "./checked-memory";

export interface References {
  /** value references to bindings declared in the snippet, with their symbol */
  symbols: Map<ts.Identifier, ts.Symbol>;
  /** function expressions, arrows and nested function declarations that
   *  capture something, with the captured names in first-use order */
  captures: Map<ts.Node, string[]>;
  /** nodes the rewrite must visit: those it changes and their ancestors;
   *  every other subtree is left as it is, which keeps the rewrite fast */
  rewritten: Set<ts.Node>;
  /** `asyncio.run(...)` statements that become `await asyncio.run(...)` (asyncio-run.ts) */
  awaitedRuns: Set<ts.ExpressionStatement>;
}

type FrameKind = "arrow" | "function" | "boundary";
interface Frame { node: ts.Node; kind: FrameKind; names: string[] }

function frameKind(node: ts.Node): FrameKind | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.ArrowFunction:
      return "arrow";
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
      return "function";
    // their own `this`, but nothing a thread could be handed
    case ts.SyntaxKind.PropertyDeclaration:
    case ts.SyntaxKind.ClassStaticBlockDeclaration:
      return "boundary";
  }
  return undefined;
}

/** Functions the rewrite can wrap in `__pg.closure(...)`. */
export function isWrappableFunction(node: ts.Node): boolean {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return true;
  return ts.isFunctionDeclaration(node) && !!node.name && !!node.body && ts.isBlock(node.parent);
}

/** Type annotations, interfaces, `declare`s: never evaluated, never rewritten. */
export function isTypeOnly(node: ts.Node): boolean {
  if (ts.isTypeNode(node)) {
    // `class A extends Base<T>`: Base is an expression
    const p = node.parent;
    return !(ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(p)
      && p.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(p.parent));
  }
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  return hasModifier(node, ts.SyntaxKind.DeclareKeyword);
}

/** False for declaration names, property names and labels. */
export function isValueReference(id: ts.Identifier): boolean {
  const p = id.parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node; label?: ts.Node };
  if (p.name === id) return ts.isShorthandPropertyAssignment(p);
  return p.propertyName !== id && p.label !== id && !ts.isQualifiedName(p);
}

/** require(...) or import(...): the rewrite may replace it */
function isModuleCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require");
}

/** Declared in a namespace body: the TS emit reaches those through the namespace object. */
function isNamespaceMember(decl: ts.Node): boolean {
  for (let n = decl.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isModuleBlock(n)) return true;
  }
  return false;
}

/**
 * `ticks`: loops and function bodies will get eval-breaker checks, so they
 * are rewritten too.
 */
export function resolveReferences(
  sf: ts.SourceFile, checker: ts.TypeChecker, scope: ModuleScope, ticks: boolean,
  /** a checked compile's field names (checked-memory.ts): its memory accesses are rewritten too */
  fields?: ReadonlySet<string>,
): References {
  const symbols = new Map<ts.Identifier, ts.Symbol>();
  const captures = new Map<ts.Node, string[]>();
  const rewritten = new Set<ts.Node>();
  const awaitedRuns = new Set<ts.ExpressionStatement>();
  const frames: Frame[] = [];
  const mark = (node: ts.Node) => {
    for (let n: ts.Node | undefined = node; n && !rewritten.has(n); n = n.parent) rewritten.add(n);
  };

  const addName = (frame: Frame, name: string) => {
    if (!frame.names.includes(name)) frame.names.push(name);
  };

  // `this` / `arguments` inside arrows belong to the nearest non-arrow function
  const lexical = (name: string) => {
    let owner = frames.length - 1;
    while (owner >= 0 && frames[owner].kind === "arrow") owner--;
    if (owner < 0) return;
    for (let i = frames.length - 1; i > owner; i--) addName(frames[i], name);
  };

  const reference = (id: ts.Identifier, symbol: ts.Symbol | undefined) => {
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!symbol || !decl || decl.getSourceFile() !== sf) {
      if (id.text === "arguments") lexical("arguments");
      return;
    }
    symbols.set(id, symbol);
    if (scope.shared.has(symbol)) mark(id);
    // `x = value` on a copied global: the rewrite tells the runtime x's new value (names objects)
    const p = id.parent;
    if (scope.copied.has(symbol) && ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) mark(p);
    if (scope.bindings.has(symbol) || isNamespaceMember(decl)) return;
    for (let i = frames.length - 1; i >= 0; i--) {
      const frame = frames[i];
      if (decl.pos >= frame.node.pos && decl.end <= frame.node.end) break;
      addName(frame, id.text);
    }
  };

  const visit = (node: ts.Node): void => {
    if (isTypeOnly(node)) return;
    if (ticks && isLoop(node)) mark(node);
    // `throw value` records where it was thrown, for a value that is not an Error (it has no stack)
    if (ts.isThrowStatement(node)) mark(node);
    // `await x` tells the runtime an asyncio task waits there (rewrite-body.ts)
    if (ts.isAwaitExpression(node)) mark(node);
    if (isBlockingAsyncioRun(node, checker)) {
      awaitedRuns.add(node);
      mark(node);
    }
    if (ts.isCallExpression(node) && isModuleCall(node)) mark(node);
    if (fields && isCheckedAccess(node, fields)) mark(node);
    if (ts.isIdentifier(node)) {
      if (isValueReference(node)) reference(node, checker.getSymbolAtLocation(node));
      if (fields && isGlobalAtomics(node, symbols.has(node)) && isValueReference(node)) mark(node);
      return;
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) return lexical("this");
    if (ts.isShorthandPropertyAssignment(node)) {
      reference(node.name, checker.getShorthandAssignmentValueSymbol(node));
      if (node.objectAssignmentInitializer) visit(node.objectAssignmentInitializer);
      return;
    }
    const kind = frameKind(node);
    if (!kind) return ts.forEachChild(node, visit);
    frames.push({ node, kind, names: [] });
    ts.forEachChild(node, visit);
    const frame = frames.pop()!;
    if (frame.names.length && isWrappableFunction(node)) {
      captures.set(node, frame.names);
      mark(node);
    }
    // the check goes into the body, even an empty one
    if (ticks && kind !== "boundary") mark((node as ts.FunctionLikeDeclaration).body ?? node);
  };
  ts.forEachChild(sf, visit);
  return { symbols, captures, rewritten, awaitedRuns };
}
