// Sorts the snippet's top-level bindings into the kinds the runtime treats
// differently (API.md §1): numbers/booleans that live in shared memory,
// values copied into a thread at start(), and declarations that every
// worker evaluates for itself. Roles are decided by syntax, symbols come
// from the checker, so that later a reference can be matched to its binding
// exactly (a local that shadows a global is a different symbol).

import ts from "typescript";
import { PLAYGROUND } from "./import-rewrite";
import { sharedTypeOf, type SharedType } from "./shared-globals";
import type { SharedGlobal } from "./types";

export type VarRole = "shared" | "declaration" | "copied";

export interface ModuleScope {
  /** every binding of the module scope: imports, functions, classes, variables... */
  bindings: Set<ts.Symbol>;
  shared: Map<ts.Symbol, SharedGlobal>;
  /** copied globals, in declaration order (keyed by name only if the checker had no symbol) */
  copied: Map<ts.Symbol | string, string>;
  /** what becomes of each declarator of a top-level variable statement */
  roles: Map<ts.VariableDeclaration, VarRole>;
  /** the slot of each shared declarator */
  slots: Map<ts.VariableDeclaration, SharedGlobal>;
  /** `var` names hoisted out of a top-level statement that only MainThread runs */
  hoisted: Map<ts.Statement, string[]>;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  // `modifiers` read directly: ts.getModifiers allocates, and this runs for every node
  const modifiers = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  return modifiers !== undefined && modifiers.some((m) => m.kind === kind);
}

/** `declare ...`, interfaces and type aliases: no code at all */
export function isTypeOnlyStatement(st: ts.Statement): boolean {
  return ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || hasModifier(st, ts.SyntaxKind.DeclareKeyword);
}

/** let/var/const, or undefined for `using` declarations */
export function declarationKeyword(list: ts.VariableDeclarationList): "var" | "let" | "const" | undefined {
  if (list.flags & ts.NodeFlags.Using) return undefined;
  if (list.flags & ts.NodeFlags.Const) return "const";
  if (list.flags & ts.NodeFlags.Let) return "let";
  return "var";
}

/** const initialisers that every worker can simply evaluate again */
export function isDeclarationLikeInit(init: ts.Expression | undefined): boolean {
  while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) {
    init = init.expression;
  }
  if (!init) return false;
  if (ts.isAwaitExpression(init)) return isPlaygroundLoad(init.expression, true);
  if (isPlaygroundLoad(init, false)) return true;
  if (ts.isPrefixUnaryExpression(init) && init.operator === ts.SyntaxKind.MinusToken) return ts.isNumericLiteral(init.operand);
  switch (init.kind) {
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.ClassExpression:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
  }
  return false;
}

/** `require("playground")`, or `import("playground")` under an await: the API, like an import */
function isPlaygroundLoad(e: ts.Expression, awaited: boolean): boolean {
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return false;
  const arg = e.arguments[0];
  if (!ts.isStringLiteralLike(arg) || arg.text !== PLAYGROUND) return false;
  return awaited ? e.expression.kind === ts.SyntaxKind.ImportKeyword
    : ts.isIdentifier(e.expression) && e.expression.text === "require";
}

export function bindingNames(name: ts.BindingName, out: ts.Identifier[] = []): ts.Identifier[] {
  if (ts.isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
  return out;
}

/** `var` declarations inside a top-level statement: they belong to the module scope */
function hoistedVarNames(st: ts.Statement): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isModuleDeclaration(node)) return;
    if (ts.isVariableDeclarationList(node) && declarationKeyword(node) === "var") {
      for (const d of node.declarations) bindingNames(d.name, out);
    }
    ts.forEachChild(node, visit);
  };
  visit(st);
  return out;
}

interface Candidate { name: string; type: SharedType | undefined; decls: ts.VariableDeclaration[] }

export function analyzeModuleScope(sf: ts.SourceFile, checker: ts.TypeChecker): ModuleScope {
  const bindings = new Set<ts.Symbol>();
  const roles = new Map<ts.VariableDeclaration, VarRole>();
  const hoisted = new Map<ts.Statement, string[]>();
  // per symbol, in first-declaration order; type undefined = must be copied
  const candidates = new Map<ts.Symbol | string, Candidate>();
  const bind = (name: ts.Identifier): ts.Symbol | undefined => {
    const symbol = checker.getSymbolAtLocation(name);
    if (symbol) bindings.add(symbol);
    return symbol;
  };
  const note = (name: ts.Identifier, type: SharedType | undefined, decl?: ts.VariableDeclaration) => {
    const key = bind(name) ?? name.text;
    const c = candidates.get(key);
    if (!c) candidates.set(key, { name: name.text, type, decls: decl ? [decl] : [] });
    else {
      if (c.type !== type) c.type = undefined;
      if (decl) c.decls.push(decl);
    }
  };

  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && !isTypeOnlyStatement(st)) {
      const keyword = declarationKeyword(st.declarationList);
      if (keyword) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && keyword === "const" && isDeclarationLikeInit(d.initializer)) {
            bind(d.name);
            roles.set(d, "declaration");
          } else if (ts.isIdentifier(d.name)) {
            note(d.name, keyword === "const" ? undefined : sharedTypeOf(d), d);
          } else {
            for (const n of bindingNames(d.name)) note(n, undefined);
            roles.set(d, "copied");
          }
        }
        continue;
      }
    }
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (clause?.name) bind(clause.name);
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) bind(named.name);
      else if (named) for (const el of named.elements) bind(el.name);
    } else if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)
      || ts.isModuleDeclaration(st) || ts.isImportEqualsDeclaration(st)) {
      // `declare function f()` too: a name of the module scope, whatever provides it
      if (st.name && ts.isIdentifier(st.name)) bind(st.name);
    } else if (ts.isVariableStatement(st)) {
      // `declare let x` / `using x`: bindings that are neither shared nor copied
      for (const d of st.declarationList.declarations) for (const n of bindingNames(d.name)) bind(n);
    } else if (!isTypeOnlyStatement(st)) {
      const names = hoistedVarNames(st);
      for (const n of names) note(n, undefined);
      if (names.length) hoisted.set(st, [...new Set(names.map((n) => n.text))]);
    }
  }

  const shared = new Map<ts.Symbol, SharedGlobal>();
  const copied = new Map<ts.Symbol | string, string>();
  const slots = new Map<ts.VariableDeclaration, SharedGlobal>();
  for (const [key, c] of candidates) {
    if (c.type && typeof key !== "string") {
      const g: SharedGlobal = { name: c.name, type: c.type, slot: shared.size };
      shared.set(key, g);
      for (const d of c.decls) {
        roles.set(d, "shared");
        slots.set(d, g);
      }
    } else {
      copied.set(key, c.name);
      for (const d of c.decls) roles.set(d, "copied");
    }
  }
  return { bindings, shared, copied, roles, slots, hoisted };
}
