// Whether an expression is an array for certain, for the editor's warnings
// (api-holdings.ts, threaded-functions.ts): an array's `map` runs its
// callback at once in the caller's thread, and makes an array of what it
// returns, where a Pool's `map`, or any object's of the snippet's, may do
// anything. Not knowing is "no".

import ts from "typescript";

/** Array methods that give an array: `[1, 2].filter(f).map(g)` is still an array's map */
const ARRAY_RESULTS = new Set(["map", "filter", "slice", "concat", "flat", "flatMap", "toSorted", "toReversed", "fill"]);

/** A literal, Array.from/of (the global Array), an array method's result on one, or a const holding one. */
export function isArray(e: ts.Expression, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isArrayLiteralExpression(e)) return true;
  if (ts.isIdentifier(e)) {
    const decl = symbolOf(e)?.valueDeclaration;
    return !!decl && ts.isVariableDeclaration(decl) && !!(decl.parent.flags & ts.NodeFlags.Const) && !!decl.initializer && isArray(decl.initializer, symbolOf);
  }
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  const { expression: on, name } = e.expression;
  if (ts.isIdentifier(on) && on.text === "Array" && !symbolOf(on)) return name.text === "from" || name.text === "of";
  return ARRAY_RESULTS.has(name.text) && isArray(on, symbolOf);
}
