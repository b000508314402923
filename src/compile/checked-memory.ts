// A checked compile's accesses of memory that may be shared, beyond the
// shared globals (shared-globals.ts): elements (`counts[i]`, which is a
// sharedArray's element when `counts` is one) and the properties a Thread
// subclass or a Value keeps in shared memory (`this.stop`, `total.value`).
// Which object is shared is known only when the code runs, so every element
// access, and every property access named like a field of one of the
// snippet's classes or `value`, goes through the host, which checks the ones
// that land in shared memory and does a plain access otherwise. `Atomics`
// becomes the host's wrapper, which records its happens-before edges.
//
//   read          o[k]           ->  __pg.er(o, k, site)
//   write         o[k] = v       ->  __pg.ew(o, k, site, v)
//   compound      o[k] += v      ->  __pg.ec(o, k, site, op, v)   (op: COMPOUND_OPS)
//   ++ / --       o[k]++         ->  __pg.eu(o, k, site, delta, prefix)
//
// Left raw: callees (`o.f()` keeps its `this`), optional chains, `delete`,
// `super.x`, logical assignments (`o.k ||= v`) and destructuring targets.

import ts from "typescript";
import type { AccessSites } from "./access-sites";

/** The compound operators `__pg.ec` applies, by index (the host has the same table). */
export const COMPOUND_OPS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.PercentEqualsToken, ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken, ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken, ts.SyntaxKind.CaretEqualsToken,
];

/** Names of the fields the snippet's classes declare or assign through `this`, plus `value` (Value). */
export function fieldNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>(["value"]);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name)) names.add(node.name.text);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword
      && ts.isIdentifier(node.left.name)) names.add(node.left.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

export type MemoryAccess = ts.ElementAccessExpression | ts.PropertyAccessExpression;

/** Whether `node` is an access a checked compile sends through the host. */
export function isCheckedAccess(node: ts.Node, fields: ReadonlySet<string>): node is MemoryAccess {
  let name: string;
  if (ts.isElementAccessExpression(node)) name = "";
  else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) name = node.name.text;
  else return false;
  if (name && !fields.has(name)) return false;
  if (node.questionDotToken || ts.isOptionalChain(node) || node.expression.kind === ts.SyntaxKind.SuperKeyword) return false;
  const p = node.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p) || ts.isTaggedTemplateExpression(p)) && (p as { expression?: ts.Node }).expression === node) return false;
  if (ts.isDeleteExpression(p)) return false;
  return true;
}

/** Whether `Atomics` here is the global (not a binding of the snippet's). */
export function isGlobalAtomics(id: ts.Identifier, userBinding: boolean): boolean {
  return id.text === "Atomics" && !userBinding;
}

export class MemoryEmitter {
  constructor(private readonly f: ts.NodeFactory, private readonly sites: AccessSites) {}

  private host(name: string, args: ts.Expression[], at: ts.Node): ts.Expression {
    const f = this.f;
    return ts.setSourceMapRange(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("__pg"), name), undefined, args), at);
  }

  /** the object, key and site of `node`, with `object` and `key` already visited */
  private parts(node: MemoryAccess, object: ts.Expression, key: ts.Expression): ts.Expression[] {
    const text = node.getText().replace(/\s+/g, " ").slice(0, 80);
    return [object, key, this.f.createNumericLiteral(this.sites.of(node, text))];
  }

  /** the key of a property access, as a string literal */
  propertyKey(node: ts.PropertyAccessExpression): ts.Expression {
    return this.f.createStringLiteral((node.name as ts.Identifier).text);
  }

  read(node: MemoryAccess, object: ts.Expression, key: ts.Expression): ts.Expression {
    return this.host("er", this.parts(node, object, key), node);
  }

  /** `o[k] op= value`, or undefined for an operator left raw */
  assign(node: MemoryAccess, object: ts.Expression, key: ts.Expression, op: ts.SyntaxKind, value: ts.Expression, at: ts.Node): ts.Expression | undefined {
    if (op === ts.SyntaxKind.EqualsToken) return this.host("ew", [...this.parts(node, object, key), value], at);
    const index = COMPOUND_OPS.indexOf(op);
    if (index < 0) return undefined;
    return this.host("ec", [...this.parts(node, object, key), this.f.createNumericLiteral(index), value], at);
  }

  update(node: MemoryAccess, object: ts.Expression, key: ts.Expression, delta: 1 | -1, prefix: boolean, at: ts.Node): ts.Expression {
    const f = this.f;
    const d = delta === 1 ? f.createNumericLiteral(1) : f.createPrefixMinus(f.createNumericLiteral(1));
    return this.host("eu", [...this.parts(node, object, key), d, prefix ? f.createTrue() : f.createFalse()], at);
  }

  /** `__pg.atomics`, standing for the global `Atomics` */
  atomics(at: ts.Node): ts.Expression {
    const f = this.f;
    return ts.setSourceMapRange(f.createPropertyAccessExpression(f.createIdentifier("__pg"), "atomics"), at);
  }
}
