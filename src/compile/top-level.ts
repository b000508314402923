// Turns the snippet's top level into the body every worker evaluates
// (API.md §1). With `__pg.isMain` it behaves as the module did. In a thread
// the same body only re-creates the declarations (functions, classes,
// enums, imports, constant literals) and takes every other variable from the
// snapshot of start(), so that the thread's target finds the module's
// globals as MainThread had them; no top-level statement runs twice.

import ts from "typescript";
import { isModuleStatement, rewriteModuleStatement } from "./import-rewrite";
import { namedValue, snapshotValue } from "./module-hooks";
import { bindingNames, declarationKeyword, isTypeOnlyStatement } from "./module-scope";
import type { RewriteEnv } from "./rewrite-body";
import { isMain } from "./shared-globals";

type Visit = (node: ts.Node) => ts.VisitResult<ts.Node>;

function isExportKeyword(m: ts.ModifierLike): boolean {
  return m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword;
}

/** Drops `export`/`export default`: nothing imports the snippet. */
function stripExport<T extends ts.Node>(f: ts.NodeFactory, node: T): T {
  if (!ts.canHaveModifiers(node) || !node.modifiers?.some(isExportKeyword)) return node;
  const kept = node.modifiers.filter((m) => !isExportKeyword(m));
  if (ts.isClassDeclaration(node)) return f.replaceDecoratorsAndModifiers(node, kept.length ? kept : undefined) as ts.Node as T;
  return f.replaceModifiers(node, kept as ts.Modifier[]);
}

function isAnonymousFunctionOrClass(e: ts.Expression | undefined): boolean {
  while (e && ts.isParenthesizedExpression(e)) e = e.expression;
  return !!e && (ts.isArrowFunction(e) || ((ts.isFunctionExpression(e) || ts.isClassExpression(e)) && !e.name));
}

export function rewriteTopLevel(sf: ts.SourceFile, env: RewriteEnv, visit: Visit): ts.Statement[] {
  const f = env.factory;
  const expr = (e: ts.Expression) => ts.visitNode(e, visit, ts.isExpression);
  const imports: ts.Statement[] = [];
  const body: ts.Statement[] = [];
  let group: ts.Statement[] = [];
  let groupHoisted: string[] = [];

  const assignStatement = (name: string, value: ts.Expression) =>
    f.createExpressionStatement(f.createAssignment(f.createIdentifier(name), value));
  const fromSnapshot = (names: string[]) => names.map((n) => assignStatement(n, snapshotValue(f, n)));
  const declareList = (names: string[], flags: ts.NodeFlags) => f.createVariableStatement(undefined,
    f.createVariableDeclarationList(names.map((n) => f.createVariableDeclaration(n)), flags));

  /** consecutive main-only statements share one `if (__pg.isMain)` */
  const flush = () => {
    if (!group.length) return;
    const otherwise = groupHoisted.length ? f.createBlock(fromSnapshot([...new Set(groupHoisted)]), true) : undefined;
    body.push(f.createIfStatement(isMain(f), f.createBlock(group, true), otherwise));
    group = [];
    groupHoisted = [];
  };
  const mainOnly = (st: ts.Statement, original: ts.Statement) => {
    group.push(st);
    groupHoisted.push(...(env.scope.hoisted.get(original) ?? []));
  };
  const everywhere = (...statements: ts.Statement[]) => {
    flush();
    body.push(...statements);
  };

  /** `{ a, b: [c = 1] }` binding pattern → the same shape as an assignment target */
  const toAssignmentTarget = (name: ts.BindingName): ts.Expression => {
    if (ts.isIdentifier(name)) return ts.setSourceMapRange(f.createIdentifier(name.text), name);
    const withDefault = (t: ts.Expression, init: ts.Expression | undefined) => (init ? f.createAssignment(t, expr(init)) : t);
    if (ts.isObjectBindingPattern(name)) {
      return f.createObjectLiteralExpression(name.elements.map((el) => {
        if (el.dotDotDotToken) return f.createSpreadAssignment(toAssignmentTarget(el.name));
        if (!el.propertyName && ts.isIdentifier(el.name)) {
          return f.createShorthandPropertyAssignment(el.name.text, el.initializer && expr(el.initializer));
        }
        const key = ts.visitNode(el.propertyName ?? el.name, visit, ts.isPropertyName);
        return f.createPropertyAssignment(key as ts.PropertyName, withDefault(toAssignmentTarget(el.name), el.initializer));
      }));
    }
    return f.createArrayLiteralExpression(name.elements.map((el) => {
      if (ts.isOmittedExpression(el)) return f.createOmittedExpression();
      if (el.dotDotDotToken) return f.createSpreadElement(toAssignmentTarget(el.name));
      return withDefault(toAssignmentTarget(el.name), el.initializer);
    }));
  };

  const copiedDeclaration = (d: ts.VariableDeclaration, keyword: "var" | "let" | "const") => {
    const init = d.initializer && expr(d.initializer);
    if (ts.isIdentifier(d.name) && !isAnonymousFunctionOrClass(d.initializer)) {
      // `const x = isMain ? init : snapshot.x` keeps const-ness and the TDZ
      const named = init ? namedValue(f, init, d.name.text) : f.createVoidZero();
      const value = f.createConditionalExpression(isMain(f), undefined, named, undefined, snapshotValue(f, d.name.text));
      const flags = keyword === "var" ? ts.NodeFlags.None : keyword === "let" ? ts.NodeFlags.Let : ts.NodeFlags.Const;
      const decl = f.updateVariableDeclaration(d, d.name, undefined, undefined, value);
      return everywhere(ts.setSourceMapRange(f.createVariableStatement(undefined, f.createVariableDeclarationList([decl], flags)), d));
    }
    // destructuring (and functions, whose name an assignment keeps): declare, then assign, then name what each
    // variable got (`const [parent, child] = Pipe()` names the pipe's channels parent and child, API.md §1)
    const names = bindingNames(d.name).map((n) => n.text);
    const assign = init ? f.createExpressionStatement(f.createAssignment(toAssignmentTarget(d.name), init)) : undefined;
    const naming = assign && !ts.isIdentifier(d.name) ? names.map((n) => f.createExpressionStatement(namedValue(f, f.createIdentifier(n), n))) : [];
    const inMain = f.createBlock(assign ? [ts.setSourceMapRange(assign, d), ...naming] : [], true);
    everywhere(
      declareList(names, keyword === "var" ? ts.NodeFlags.None : ts.NodeFlags.Let),
      f.createIfStatement(isMain(f), inMain, f.createBlock(fromSnapshot(names), true)),
    );
  };

  const variables = (st: ts.VariableStatement, keyword: "var" | "let" | "const") => {
    for (const d of st.declarationList.declarations) {
      const role = env.scope.roles.get(d);
      const g = env.scope.slots.get(d);
      if (role === "shared" && g) {
        everywhere(env.shared.initialStore(g, d.initializer && expr(d.initializer), d));
      } else if (role === "declaration") {
        const decl = f.updateVariableDeclaration(d, d.name, undefined, undefined, d.initializer && expr(d.initializer));
        everywhere(f.createVariableStatement(undefined, f.createVariableDeclarationList([decl], ts.NodeFlags.Const)));
      } else {
        copiedDeclaration(d, keyword);
      }
    }
  };

  for (const st of sf.statements) {
    if (isTypeOnlyStatement(st)) continue;
    if (isModuleStatement(st)) {
      const r = rewriteModuleStatement(f, st);
      imports.push(...r.imports);
      if (r.main) mainOnly(f.createExpressionStatement(expr(r.main)), st);
      continue;
    }
    const keyword = ts.isVariableStatement(st) ? declarationKeyword(st.declarationList) : undefined;
    if (keyword) {
      variables(st as ts.VariableStatement, keyword);
    } else if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) {
      // an anonymous `export default function () {}` cannot be referred to
      if (st.name) everywhere(stripExport(f, ts.visitNode(st, visit, ts.isStatement)));
    } else if (ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st) || ts.isImportEqualsDeclaration(st)) {
      everywhere(stripExport(f, ts.visitNode(st, visit, ts.isStatement)));
    } else {
      mainOnly(ts.visitNode(st, visit, ts.isStatement), st);
    }
  }
  flush();
  return [...imports, ...body];
}
