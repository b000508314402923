// Snippet TypeScript → the body of `async function (__pg) { ... }` that the
// runtime evaluates in every worker (types.ts, API.md §1). The snippet is
// parsed once into a Program without lib or module resolution: the checker
// then resolves names through the snippet's own scopes, which is all the
// rewrite needs and costs a few milliseconds, and TypeScript's own emit
// erases the types and writes the source map. Type errors are not reported
// here: Monaco's TypeScript worker shows those in the editor.

import ts from "typescript";
import { AccessSites } from "./access-sites";
import { MemoryEmitter, fieldNames } from "./checked-memory";
import type { SnippetDiagnostic } from "./types";
import { checkSnippet } from "./checks";
import { binderDiagnostics, nodeDiagnostic, syntaxDiagnostics, type Report } from "./diagnostics";
import { lambdaRanges } from "./lambda-ranges";
import { modulePrologue } from "./module-hooks";
import { analyzeModuleScope, type ModuleScope } from "./module-scope";
import { parsePragmas } from "./pragmas";
import { resolveReferences, type References } from "./references";
import { createBodyVisitor } from "./rewrite-body";
import { SharedEmitter } from "./shared-globals";
import { rewriteTopLevel } from "./top-level";
import type { CompileOptions, CompileResult } from "./types";

const FILE = "snippet.ts";

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  noLib: true,
  noResolve: true,
  noCheck: true,
  // imports are rewritten before TypeScript sees them; this also spares the
  // emit its alias bookkeeping and const-enum inlining, both of which type-check
  // expressions (const enums stay objects, as under isolatedModules)
  verbatimModuleSyntax: true,
  types: [],
  sourceMap: true,
  removeComments: true,
  newLine: ts.NewLineKind.LineFeed,
};

function parse(source: string): ts.SourceFile {
  return ts.createSourceFile(FILE, source, {
    languageVersion: ts.ScriptTarget.ES2022,
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
    // always a module: strict, with top-level await, whether or not it imports
    setExternalModuleIndicator: (file) => {
      (file as { externalModuleIndicator?: unknown }).externalModuleIndicator = true;
    },
    // no parent pointers: the binder sets them anyway, once the checker exists
  }, false, ts.ScriptKind.TS);
}

function createProgram(sf: ts.SourceFile): ts.Program {
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === FILE ? sf : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => {},
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === FILE,
    readFile: () => undefined,
  };
  return ts.createProgram({ rootNames: [FILE], options: OPTIONS, host });
}

/** TypeScript adds `export {}` to a module left without imports or exports: not valid in a function body. */
const dropEmptyExport: ts.TransformerFactory<ts.SourceFile> = (context) => (sf) =>
  context.factory.updateSourceFile(sf, sf.statements.filter((st) =>
    !(ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause
      && ts.isNamedExports(st.exportClause) && st.exportClause.elements.length === 0)));

function emit(program: ts.Program, sf: ts.SourceFile, scope: ModuleScope, refs: References, ticks: boolean, sites?: AccessSites, fields?: ReadonlySet<string>) {
  const rewrite: ts.TransformerFactory<ts.SourceFile> = (context) => (file) => {
    const factory = context.factory;
    const env = {
      factory, context, scope, refs, shared: new SharedEmitter(factory, sites), ticks,
      memory: sites && fields ? { emit: new MemoryEmitter(factory, sites), fields } : undefined,
    };
    const statements = [
      ...modulePrologue(factory, [...scope.copied.values()], ticks),
      ...rewriteTopLevel(file, env, createBodyVisitor(env)),
    ];
    return factory.updateSourceFile(file, statements);
  };
  let js = "";
  let map = "";
  program.emit(sf, (name, text) => {
    if (name.endsWith(".map")) map = text;
    else js = text;
  }, undefined, false, { before: [rewrite], after: [dropEmptyExport] });
  js = js.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n");
  return { js, map };
}

export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const { pragmas, diagnostics } = parsePragmas(source);
  const sf = parse(source);
  const program = createProgram(sf);
  const result = (ok: boolean, extra: Partial<CompileResult> = {}): CompileResult => ({
    ok, diagnostics, js: "", sourceMap: "", sharedGlobals: [], copiedGlobals: [], pragmas, sites: [], ...extra,
  });

  const syntax = syntaxDiagnostics(program, sf);
  if (syntax.length) {
    diagnostics.push(...syntax);
    return result(false);
  }
  const checker = program.getTypeChecker();
  diagnostics.push(...binderDiagnostics(sf));
  const scope = analyzeModuleScope(sf, checker);
  const fields = options.checked ? fieldNames(sf) : undefined;
  const refs = resolveReferences(sf, checker, scope, options.ticks ?? false, fields);
  const found: SnippetDiagnostic[] = [];
  const report: Report = (node, message, severity) => found.push(nodeDiagnostic(sf, node, message, severity));
  checkSnippet(sf, scope, refs, report);
  diagnostics.push(...found);
  const ok = !diagnostics.some((d) => d.severity === "error");
  if (!ok) return result(false);

  const sites = options.checked ? new AccessSites(sf) : undefined;
  const { js, map } = emit(program, sf, scope, refs, options.ticks ?? false, sites, fields);
  return result(true, {
    sites: sites?.list ?? [],
    js,
    sourceMap: map,
    sharedGlobals: [...scope.shared.values()],
    copiedGlobals: [...scope.copied.values()],
    lambdas: lambdaRanges(sf),
  });
}
