// Which of a snippet's functions run in a process (API.md §1, §6), for the
// editor's warning that a write there to a top-level number or boolean
// changes only the process's copy: a process gets a copy of everything at
// start(), numbers and booleans included, as fork() gives a child its own
// memory, where the threads of one process share them. A learner who counts
// in a Process target and prints the count in MainThread sees 0, and the
// warning says why where the write is.
//
// Certain only (a warning that cries wolf is not read): a function runs in a
// process when it is
//   - the `target` of a `new Process({...})` of the playground's Process
//     (a function, one named, or a method: `target() { ... }`);
//   - the `run` method of a class that extends it;
//   - the function a Pool's map/apply family, or a ProcessPoolExecutor's
//     submit/map, is given, the pool being a const made with `new` of the
//     playground's class;
//   - called by name (or handed to a call that runs it on the spot) from one
//     of those, where that one runs (threaded-functions.ts's places).

import ts from "typescript";
import type { References } from "./references";
import { playgroundExport } from "./api-holdings";
import { namedFunction, reachedFrom, type FunctionPlaces } from "./threaded-functions";

export const processWriteMessage = (name: string) =>
  `'${name}' is copied into each process at start(), numbers too (a process has its own memory): in a process, this write changes only that process's copy; share a Value to count across processes`;

/** The methods that run their first argument in a pool's worker processes, by the class of the pool. */
const PROCESS_POOL_CALLS: Record<string, ReadonlySet<string>> = {
  Pool: new Set(["map", "starmap", "imap", "imapUnordered", "apply", "applyAsync", "mapAsync", "starmapAsync"]),
  ProcessPoolExecutor: new Set(["submit", "map"]),
};

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The function `e` is: written there, or named by it. */
function functionOf(e: ts.Expression | undefined, refs: References): ts.FunctionLikeDeclaration | undefined {
  if (!e) return undefined;
  e = unwrap(e);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  return ts.isIdentifier(e) ? namedFunction(refs.symbols.get(e)) : undefined;
}

/** The playground class a const `x` was made with (`const x = new Pool(2)`), if it was. */
function constMadeWith(x: ts.Expression, refs: References): string | undefined {
  const id = unwrap(x);
  if (!ts.isIdentifier(id)) return undefined;
  const decl = refs.symbols.get(id)?.valueDeclaration;
  if (!decl || !ts.isVariableDeclaration(decl) || !(decl.parent.flags & ts.NodeFlags.Const) || !decl.initializer) return undefined;
  const init = unwrap(decl.initializer);
  return ts.isNewExpression(init) ? playgroundExport(init.expression, (i) => refs.symbols.get(i)) : undefined;
}

/** The `target` given to a `new Process({ target })` of the playground's, if `node` is one. */
function processTarget(node: ts.NewExpression, refs: References): ts.FunctionLikeDeclaration | undefined {
  if (playgroundExport(node.expression, (i) => refs.symbols.get(i)) !== "Process") return undefined;
  const options = node.arguments?.[0] && unwrap(node.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const p of options.properties) {
    if (!p.name || !ts.isIdentifier(p.name) || p.name.text !== "target") continue;
    if (ts.isPropertyAssignment(p)) return functionOf(p.initializer, refs);
    if (ts.isShorthandPropertyAssignment(p)) return functionOf(p.name, refs);
    if (ts.isMethodDeclaration(p) && p.body) return p;
  }
  return undefined;
}

/** Is `cls` a class that extends the playground's Process? */
export function isProcessClass(cls: ts.ClassLikeDeclaration, symbolOf: (id: ts.Identifier) => ts.Symbol | undefined): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return !!base && playgroundExport(base, symbolOf) === "Process";
}

/** The function-likes that run in a process, as the header says. */
export function processFunctions(sf: ts.SourceFile, refs: References, places: FunctionPlaces): Set<ts.Node> {
  const roots = new Set<ts.Node>();
  const symbolOf = (id: ts.Identifier) => refs.symbols.get(id);
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const target = processTarget(node, refs);
      if (target) roots.add(target);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const made = constMadeWith(node.expression.expression, refs);
      const fn = made !== undefined && PROCESS_POOL_CALLS[made]?.has(node.expression.name.text) ? functionOf(node.arguments[0], refs) : undefined;
      if (fn) roots.add(fn);
    } else if (ts.isClassLike(node) && isProcessClass(node, symbolOf)) {
      for (const m of node.members) {
        if (ts.isMethodDeclaration(m) && m.body && ts.isIdentifier(m.name) && m.name.text === "run") roots.add(m);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return reachedFrom(roots, places.runs);
}
