// Which functions of a snippet may run in a thread other than the one that
// made its copies of the module's globals, for the editor's warning that a
// write to a copied global changes only the writer's copy (checks.ts). A
// function that only MainThread runs writes MainThread's own globals: an
// async function asyncio runs, a helper the top level calls, a Thread
// subclass's constructor. Warning there told the learner something false.
//
// Conservative, as a warning must be where it cannot see: a function may
// run elsewhere when
//   - it is handed on as a value (a Thread's target, a pool's function, a
//     callback, an entry of an object): who calls it, and where, is not
//     known. Handed to a call that runs it at once in the caller's thread
//     (an array's forEach, a lock's with, a promise's then), it runs where
//     the caller runs instead. Only names no call of the API shares count
//     so: a Pool's `apply` and `map` run their function in a worker, and an
//     array's `map` counts only on what is an array for certain (a literal,
//     Array.from, a const holding one). asyncio.run runs its function in
//     the caller's loop, atexit.register in MainThread, and a pool's
//     `callback` runs in the pool's owner (taken as where it is used);
//   - it is a method of a class (called through objects the analysis does
//     not follow), except a Thread subclass's constructor and field
//     initialisers, which run where `new` makes the thread object: the
//     class node stands for them, and `new C()` counts as a call of it;
//   - a function that may run elsewhere calls it by name, or it is written
//     inside one.

import ts from "typescript";
import type { References } from "./references";
import { playgroundExport } from "./api-holdings";
import { isArray } from "./array-values";

/** Calls that run a function they are given at once, in the caller's thread. */
const SAME_THREAD_CALLS = new Set([
  "forEach", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex", "findLast", "findLastIndex",
  "flatMap", "sort", "toSorted", "with", "then", "catch", "finally", "span",
]);

/** The function a symbol's declaration or `const f = () => ...` names, if it is one (of overloads, the one with a body). */
export function namedFunction(symbol: ts.Symbol | undefined): ts.FunctionLikeDeclaration | undefined {
  const decls = symbol?.declarations;
  if (!decls) return undefined;
  const decl = decls.find((d) => ts.isFunctionDeclaration(d) && d.body !== undefined) ?? symbol!.valueDeclaration;
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl)) return decl.body ? decl : undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = decl.initializer;
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** Calls of the API that run the function they are given in the thread that calls them (asyncio's loop), or in MainThread (at exit) */
const API_SAME_THREAD_CALLS = new Set(["asyncio.run", "atexit.register"]);
/** Pool calls whose `callback` and `errorCallback` run in the pool's owner (API.md §6): where the pool is used, as far as this can tell */
const OWNER_CALLBACK_CALLS = new Set(["applyAsync", "mapAsync", "starmapAsync"]);

/**
 * Is `call` one that runs its function argument in the caller's thread: a
 * callee `x.name` with a name that does (SAME_THREAD_CALLS), an array's
 * `map` (a Pool's runs it in a worker), or asyncio.run / atexit.register?
 */
function isSameThreadCall(call: ts.Node | undefined, refs: References): boolean {
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  const symbolOf = (id: ts.Identifier) => refs.symbols.get(id);
  if (SAME_THREAD_CALLS.has(name)) return true;
  if (name === "map") return isArray(callee.expression, symbolOf);
  // (The playground's asyncio and atexit, not an object of the snippet's that is called so.)
  const module = playgroundExport(callee.expression, symbolOf);
  return module !== undefined && API_SAME_THREAD_CALLS.has(`${module}.${name}`);
}

/** Is `node` the value of a `callback` or `errorCallback` given to the applyAsync, mapAsync or starmapAsync of a const Pool? */
function isOwnerCallback(node: ts.Node, refs: References): boolean {
  const prop = node.parent;
  if (!ts.isPropertyAssignment(prop) || prop.initializer !== node || !ts.isIdentifier(prop.name)) return false;
  if (prop.name.text !== "callback" && prop.name.text !== "errorCallback") return false;
  const call = prop.parent.parent;
  if (!ts.isObjectLiteralExpression(prop.parent) || !ts.isCallExpression(call) || !call.arguments.includes(prop.parent)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !OWNER_CALLBACK_CALLS.has(callee.name.text) || !ts.isIdentifier(callee.expression)) return false;
  const decl = refs.symbols.get(callee.expression)?.valueDeclaration;
  const init = decl && ts.isVariableDeclaration(decl) && decl.parent.flags & ts.NodeFlags.Const ? decl.initializer : undefined;
  return !!init && ts.isNewExpression(init) && playgroundExport(init.expression, (id) => refs.symbols.get(id)) === "Pool";
}

/** Does `cls` extend a class named Thread, Process or Timer (the playground's, or one that extends it)? */
export function isThreadClass(cls: ts.ClassLikeDeclaration): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return !!base && ts.isIdentifier(base) && ["Thread", "Process", "Timer"].includes(base.text);
}

/** Where a function-like node runs from its own place in the code: elsewhere (a root), where its caller runs, or where its maker runs. */
function placeOf(fn: ts.FunctionLikeDeclaration, refs: References): "root" | "caller" | "maker" | "construction" {
  const parent = fn.parent;
  if (ts.isClassLike(parent)) return ts.isConstructorDeclaration(fn) && isThreadClass(parent) ? "construction" : "root";
  if (ts.isFunctionDeclaration(fn) || (ts.isVariableDeclaration(parent) && parent.initializer === fn)) return "caller";
  // An expression: called on the spot, or handed to a call that runs it there, it runs where it is made.
  if (ts.isCallExpression(parent) && parent.expression === fn) return "maker";
  if (ts.isParenthesizedExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) return "maker";
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression) && isSameThreadCall(parent, refs)) return "maker";
  if (isOwnerCallback(fn, refs)) return "maker";
  return "root";
}

/**
 * What a write at `node` runs as, for the set threadedFunctions returns:
 * its function; a Thread subclass's class node for its constructor and
 * field initialisers; null at the top level; "elsewhere" for any other
 * class member's initialiser (a field of a class whose objects any thread
 * may make).
 */
export function runsAs(node: ts.Node): ts.Node | null | "elsewhere" {
  for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body !== undefined) {
      const cls = n.parent;
      return ts.isConstructorDeclaration(n) && ts.isClassLike(cls) && isThreadClass(cls) ? cls : n;
    }
    if (ts.isPropertyDeclaration(n) || ts.isClassStaticBlockDeclaration(n)) {
      const cls = n.parent;
      const instanceField = ts.isPropertyDeclaration(n) && !n.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      return instanceField && ts.isClassLike(cls) && isThreadClass(cls) ? cls : "elsewhere";
    }
  }
  return null;
}

/**
 * Where each function of the snippet runs, as far as its place in the code
 * says: `roots`, the function-likes (and Thread subclasses' constructions:
 * runsAs) that may run in another thread than the one that made them, and
 * `runs`, per function (undefined: the top level), the named functions and
 * constructions it runs where it runs itself.
 */
export interface FunctionPlaces {
  roots: Set<ts.Node>;
  runs: Map<ts.Node | undefined, Set<ts.Node>>;
}

export function functionPlaces(sf: ts.SourceFile, refs: References): FunctionPlaces {
  const roots = new Set<ts.Node>();
  const runs = new Map<ts.Node | undefined, Set<ts.Node>>();
  const add = (key: ts.Node | undefined, value: ts.Node) => (runs.get(key) ?? runs.set(key, new Set()).get(key)!).add(value);
  // (What runs "elsewhere" runs as the source file, which stands for anywhere: threadedFunctions starts from it.)
  const here = (node: ts.Node): ts.Node | undefined => {
    const at = runsAs(node);
    return at === "elsewhere" ? sf : (at ?? undefined);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body !== undefined) {
      const fn = node as ts.FunctionLikeDeclaration;
      const place = placeOf(fn, refs);
      if (place === "root") roots.add(fn);
      else if (place === "maker") add(here(fn), fn);
    } else if (ts.isIdentifier(node)) {
      const symbol = refs.symbols.get(node);
      const decl = symbol?.valueDeclaration;
      const target = namedFunction(symbol);
      const cls = decl && ts.isClassDeclaration(decl) && isThreadClass(decl) && decl.name !== node ? decl : undefined;
      if (target && target.name !== node && !(ts.isVariableDeclaration(target.parent) && target.parent.name === node)) {
        const p = node.parent;
        const called = ts.isCallExpression(p) && p.expression === node;
        const runHere = (ts.isCallExpression(p) && p.arguments.includes(node) && isSameThreadCall(p, refs)) || isOwnerCallback(node, refs);
        if (called || runHere) add(here(node), target);
        else roots.add(target);
      } else if (cls) {
        // `new C()` makes the thread object where it runs; any other use of the class (extends, a value) may be anywhere.
        if (ts.isNewExpression(node.parent) && node.parent.expression === node) add(here(node), cls);
        else roots.add(cls);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { roots, runs };
}

/** `starts`, and whatever runs where one of them runs (FunctionPlaces.runs), and so on. */
export function reachedFrom(starts: Iterable<ts.Node>, runs: FunctionPlaces["runs"]): Set<ts.Node> {
  const reached = new Set<ts.Node>(starts);
  const work = [...reached];
  while (work.length > 0) {
    const fn = work.pop()!;
    for (const next of runs.get(fn) ?? []) {
      if (reached.has(next)) continue;
      reached.add(next);
      work.push(next);
    }
  }
  return reached;
}

/** The function-likes (and Thread subclasses' constructions: runsAs) that may run in another thread than the one that made them. */
export function threadedFunctions(sf: ts.SourceFile, places: FunctionPlaces): Set<ts.Node> {
  // Whatever a function that may run elsewhere runs where it runs, may too; and so does what is written inside it.
  return reachedFrom([sf, ...places.roots], places.runs);
}
