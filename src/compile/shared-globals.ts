// Top-level number/boolean variables live in one Float64 slot each of
// shared memory (API.md §1), so `x += 1` in two threads is a real, racy
// read-modify-write. This file decides which declarations qualify (by
// syntax only: the compile must stay fast and its result predictable) and
// builds the typed-array accesses that replace every reference.

import ts from "typescript";
import type { SharedGlobal } from "./types";
import type { AccessSites } from "./access-sites";

export type SharedType = SharedGlobal["type"];

/** The local that caches `__pg.g`, so a hot `x++` costs one typed-array access. */
export const SHARED_ARRAY = "__pg_g";

const ARITHMETIC = new Set([
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken,
]);
const COMPARISON = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);
const LOGICAL = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
]);

/** Type of an expression built only from number/boolean literals, else undefined. */
function literalType(e: ts.Expression): SharedType | undefined {
  if (ts.isParenthesizedExpression(e)) return literalType(e.expression);
  if (ts.isNumericLiteral(e)) return "number";
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
  if (ts.isPrefixUnaryExpression(e)) {
    const inner = literalType(e.operand);
    if (!inner) return undefined;
    return e.operator === ts.SyntaxKind.ExclamationToken ? "boolean" : "number";
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const l = literalType(e.left);
    const r = literalType(e.right);
    if (!l || !r) return undefined;
    if (ARITHMETIC.has(op)) return "number";
    if (COMPARISON.has(op)) return "boolean";
    if (LOGICAL.has(op) && l === r) return l;
  }
  return undefined;
}

/** "number"/"boolean" when this top-level let/var declarator is a shared global. */
export function sharedTypeOf(decl: ts.VariableDeclaration): SharedType | undefined {
  if (!ts.isIdentifier(decl.name)) return undefined;
  if (decl.type) {
    if (decl.type.kind === ts.SyntaxKind.NumberKeyword) return "number";
    if (decl.type.kind === ts.SyntaxKind.BooleanKeyword) return "boolean";
    return undefined;
  }
  return decl.initializer ? literalType(decl.initializer) : undefined;
}

const COMPOUND_TO_BINARY = new Map<ts.SyntaxKind, ts.BinaryOperator>([
  [ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.PlusToken],
  [ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.MinusToken],
  [ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.AsteriskToken],
  [ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.SlashToken],
  [ts.SyntaxKind.PercentEqualsToken, ts.SyntaxKind.PercentToken],
  [ts.SyntaxKind.AsteriskAsteriskEqualsToken, ts.SyntaxKind.AsteriskAsteriskToken],
  [ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.LessThanLessThanToken],
  [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanToken],
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken],
  [ts.SyntaxKind.AmpersandEqualsToken, ts.SyntaxKind.AmpersandToken],
  [ts.SyntaxKind.BarEqualsToken, ts.SyntaxKind.BarToken],
  [ts.SyntaxKind.CaretEqualsToken, ts.SyntaxKind.CaretToken],
]);

export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/**
 * Builds shared-slot accesses. Numbers use the cell as it is, so every
 * JavaScript operator (compound, ++, ??=, destructuring targets) keeps its
 * exact meaning. Booleans are stored as 0/1 and read back as `!== 0`.
 *
 * A checked compile (`sites` given, the race detector) sends every read and
 * write through the host instead, with its site: `__pg.rd(slot, site)`,
 * `__pg.wr(slot, site, value)`, `__pg.upd(slot, site, delta, prefix)`, in
 * JavaScript's order (a compound assignment reads, evaluates its right side,
 * then writes). Destructuring targets and the first store stay raw: the
 * first runs before any thread exists, the other is rare enough to leave.
 */
export class SharedEmitter {
  constructor(private readonly f: ts.NodeFactory, private readonly sites?: AccessSites) {}

  /** `__pg.name(args)` */
  private host(name: string, args: ts.Expression[]): ts.Expression {
    const f = this.f;
    return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("__pg"), name), undefined, args);
  }

  private checkedRead(g: SharedGlobal, at: ts.Node): ts.Expression {
    const f = this.f;
    return this.host("rd", [f.createNumericLiteral(g.slot), f.createNumericLiteral(this.sites!.of(at, g.name))]);
  }

  private checkedWrite(g: SharedGlobal, value: ts.Expression, at: ts.Node): ts.Expression {
    const f = this.f;
    return this.host("wr", [f.createNumericLiteral(g.slot), f.createNumericLiteral(this.sites!.of(at, g.name)), value]);
  }

  /** `++x`, `x--` ... of a shared global: checked in a checked compile, else the raw cell */
  update(g: SharedGlobal, at: ts.Node, delta: 1 | -1, prefix: boolean): ts.Expression | undefined {
    if (!this.sites) return undefined;
    const f = this.f;
    const d = delta === 1 ? f.createNumericLiteral(1) : f.createPrefixMinus(f.createNumericLiteral(1));
    return ts.setSourceMapRange(this.host("upd", [f.createNumericLiteral(g.slot), f.createNumericLiteral(this.sites.of(at, g.name)), d,
      prefix ? f.createTrue() : f.createFalse()]), at);
  }

  /** `__pg_g[slot]`: also a valid assignment target */
  cell(g: SharedGlobal, at: ts.Node): ts.ElementAccessExpression {
    const f = this.f;
    const access = f.createElementAccessExpression(f.createIdentifier(SHARED_ARRAY), f.createNumericLiteral(g.slot));
    return ts.setSourceMapRange(access, at);
  }

  read(g: SharedGlobal, at: ts.Node): ts.Expression {
    const value = this.sites ? ts.setSourceMapRange(this.checkedRead(g, at), at) : this.cell(g, at);
    if (g.type === "number") return value;
    return this.f.createParenthesizedExpression(this.f.createStrictInequality(value, this.f.createNumericLiteral(0)));
  }

  /** `(value) ? 1 : 0`, folded for the literals true/false */
  private bit(value: ts.Expression): ts.Expression {
    const f = this.f;
    if (value.kind === ts.SyntaxKind.TrueKeyword) return f.createNumericLiteral(1);
    if (value.kind === ts.SyntaxKind.FalseKeyword) return f.createNumericLiteral(0);
    return f.createConditionalExpression(f.createParenthesizedExpression(value), undefined,
      f.createNumericLiteral(1), undefined, f.createNumericLiteral(0));
  }

  private store(g: SharedGlobal, value: ts.Expression, valueUsed: boolean, at: ts.Node): ts.Expression {
    const f = this.f;
    const assign = this.sites ? this.checkedWrite(g, this.bit(value), at) : f.createAssignment(this.cell(g, at), this.bit(value));
    return valueUsed ? f.createParenthesizedExpression(f.createStrictInequality(f.createParenthesizedExpression(assign), f.createNumericLiteral(0))) : assign;
  }

  /** `x op= value` where x is shared; `value` is already visited */
  assign(g: SharedGlobal, op: ts.SyntaxKind, value: ts.Expression, valueUsed: boolean, at: ts.Node): ts.Expression {
    const f = this.f;
    if (g.type === "number" && this.sites) return ts.setSourceMapRange(this.checkedAssign(g, op, value, at), at);
    if (g.type === "number") {
      return ts.setSourceMapRange(f.createBinaryExpression(this.cell(g, at), op as ts.BinaryOperator, value), at);
    }
    let result: ts.Expression;
    if (op === ts.SyntaxKind.EqualsToken) result = this.store(g, value, valueUsed, at);
    else if (op === ts.SyntaxKind.AmpersandAmpersandEqualsToken) result = f.createLogicalAnd(this.read(g, at), this.store(g, value, true, at));
    else if (op === ts.SyntaxKind.BarBarEqualsToken) result = f.createLogicalOr(this.read(g, at), this.store(g, value, true, at));
    // a boolean is never nullish: `??=` only reads
    else if (op === ts.SyntaxKind.QuestionQuestionEqualsToken) result = this.read(g, at);
    else {
      const binary = COMPOUND_TO_BINARY.get(op) ?? ts.SyntaxKind.CommaToken;
      result = this.store(g, f.createBinaryExpression(this.read(g, at), binary, value), valueUsed, at);
    }
    return ts.setSourceMapRange(valueUsed ? f.createParenthesizedExpression(result) : result, at);
  }

  /** `x op= value` on a shared number, through the host (a checked compile) */
  private checkedAssign(g: SharedGlobal, op: ts.SyntaxKind, value: ts.Expression, at: ts.Node): ts.Expression {
    const f = this.f;
    if (op === ts.SyntaxKind.EqualsToken) return this.checkedWrite(g, value, at);
    if (op === ts.SyntaxKind.AmpersandAmpersandEqualsToken) return f.createLogicalAnd(this.checkedRead(g, at), this.checkedWrite(g, value, at));
    if (op === ts.SyntaxKind.BarBarEqualsToken) return f.createLogicalOr(this.checkedRead(g, at), this.checkedWrite(g, value, at));
    // a number in a Float64 cell is never nullish: `??=` only reads
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken) return this.checkedRead(g, at);
    const binary = COMPOUND_TO_BINARY.get(op) ?? ts.SyntaxKind.CommaToken;
    return this.checkedWrite(g, f.createBinaryExpression(this.checkedRead(g, at), binary, f.createParenthesizedExpression(value)), at);
  }

  /** `if (__pg.isMain) __pg_g[slot] = init;`: the value starts in MainThread only */
  initialStore(g: SharedGlobal, init: ts.Expression | undefined, at: ts.Node): ts.Statement {
    const f = this.f;
    const value = !init ? f.createNumericLiteral(0) : g.type === "boolean" ? this.bit(init) : init;
    const store = f.createExpressionStatement(f.createAssignment(this.cell(g, at), value));
    return ts.setSourceMapRange(f.createIfStatement(isMain(f), ts.setSourceMapRange(store, at)), at);
  }
}

/** `__pg.isMain` */
export function isMain(f: ts.NodeFactory): ts.Expression {
  return f.createPropertyAccessExpression(f.createIdentifier("__pg"), "isMain");
}
