// Where the snippet's anonymous functions lie, for tracebacks. V8 names a
// frame of the compiled body and a frame of a nameless arrow inside it
// alike (the body is made by the Function constructor: both read "eval"),
// so the page tells them apart by where the frame stands: inside one of
// these ranges it is Python's `<lambda>`, else the module's top level.

import ts from "typescript";

/** [startLine, startColumn, endLine, endColumn] per arrow or function expression, flat, 1-based as source positions are. */
export function lambdaRanges(sf: ts.SourceFile): number[] {
  const ranges: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      const end = sf.getLineAndCharacterOfPosition(node.getEnd());
      ranges.push(start.line + 1, start.character + 1, end.line + 1, end.character + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return ranges;
}
