// The snippet is one module whose only dependency is "playground"; the
// function the runtime builds cannot hold import statements, so imports of
// it become destructuring of `__pg.api`, evaluated in every worker. Any other
// module has nothing behind it in a worker, so it is an error at compile
// time rather than a confusing failure at run time. Exports have no
// importer: their `export` keyword is dropped (see top-level.ts).

import ts from "typescript";

export const PLAYGROUND = "playground";
export const ONLY_PLAYGROUND = `only "${PLAYGROUND}" can be imported`;

/** `__pg.api` */
export function apiObject(f: ts.NodeFactory): ts.Expression {
  return f.createPropertyAccessExpression(f.createIdentifier("__pg"), "api");
}

function specifierText(e: ts.Node | undefined): string | undefined {
  return e && ts.isStringLiteralLike(e) ? e.text : undefined;
}

/** A require("x") / import("x") call (not a user function named require). */
function moduleCallSpecifier(call: ts.CallExpression, isUserBinding: (id: ts.Identifier) => boolean) {
  const callee = call.expression;
  const isRequire = ts.isIdentifier(callee) && callee.text === "require" && !isUserBinding(callee);
  if (!isRequire && callee.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  return { isRequire, specifier: specifierText(call.arguments[0]) };
}

/** The node that loads a module other than "playground", if this is one. */
export function foreignModuleUse(node: ts.Node, isUserBinding: (id: ts.Identifier) => boolean): boolean {
  if (ts.isImportDeclaration(node)) {
    return !node.importClause?.isTypeOnly && specifierText(node.moduleSpecifier) !== PLAYGROUND;
  }
  if (ts.isExportDeclaration(node)) {
    return !!node.moduleSpecifier && !node.isTypeOnly && specifierText(node.moduleSpecifier) !== PLAYGROUND;
  }
  if (ts.isImportEqualsDeclaration(node)) {
    return ts.isExternalModuleReference(node.moduleReference) && !node.isTypeOnly
      && specifierText(node.moduleReference.expression) !== PLAYGROUND;
  }
  if (ts.isCallExpression(node)) {
    const use = moduleCallSpecifier(node, isUserBinding);
    return !!use && use.specifier !== PLAYGROUND;
  }
  return false;
}

/** require("playground") → __pg.api; import("playground") → Promise.resolve(__pg.api) */
export function rewriteModuleCall(
  f: ts.NodeFactory,
  call: ts.CallExpression,
  isUserBinding: (id: ts.Identifier) => boolean,
): ts.Expression | undefined {
  const use = moduleCallSpecifier(call, isUserBinding);
  if (!use || use.specifier !== PLAYGROUND) return undefined;
  const api = ts.setSourceMapRange(apiObject(f), call);
  if (use.isRequire) return api;
  return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("Promise"), "resolve"), undefined, [api]);
}

export function isModuleStatement(st: ts.Statement): boolean {
  return ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st)
    || (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference));
}

export interface ModuleStatementRewrite {
  /** binds imported names; hoisted to the start of the body, as ES imports are */
  imports: ts.Statement[];
  /** `export default expr` keeps its expression, run by MainThread only */
  main: ts.Expression | undefined;
}

/**
 * Imports of "playground" become `const { A, B: C } = __pg.api;` (a default or
 * namespace import is the whole API object); type-only imports and all
 * `export ... from` / `export { a }` lists vanish. Foreign modules were
 * reported as errors already and produce nothing.
 */
export function rewriteModuleStatement(f: ts.NodeFactory, st: ts.Statement): ModuleStatementRewrite {
  const out: ModuleStatementRewrite = { imports: [], main: undefined };
  const bindConst = (name: ts.BindingName) => {
    const decl = f.createVariableDeclaration(name, undefined, undefined, apiObject(f));
    const stmt = f.createVariableStatement(undefined, f.createVariableDeclarationList([decl], ts.NodeFlags.Const));
    out.imports.push(ts.setSourceMapRange(stmt, st));
  };
  if (ts.isImportDeclaration(st)) {
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly || specifierText(st.moduleSpecifier) !== PLAYGROUND) return out;
    if (clause.name) bindConst(clause.name);
    const named = clause.namedBindings;
    if (named && ts.isNamespaceImport(named)) bindConst(named.name);
    else if (named) {
      const elements = named.elements
        .filter((el) => !el.isTypeOnly)
        .map((el) => f.createBindingElement(undefined, el.propertyName, el.name));
      if (elements.length) bindConst(f.createObjectBindingPattern(elements));
    }
  } else if (ts.isImportEqualsDeclaration(st)) {
    if (!st.isTypeOnly && ts.isExternalModuleReference(st.moduleReference)
      && specifierText(st.moduleReference.expression) === PLAYGROUND) bindConst(st.name);
  } else if (ts.isExportAssignment(st)) {
    out.main = st.expression;
  }
  return out;
}
