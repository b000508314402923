// The editor's `declare module "playground"` (playground.d.ts) and the
// module snippets really import (index.ts) must offer the same names: a name
// only in the d.ts type-checks in the editor and then fails at run time; a
// name only in index.ts works but the editor underlines it as an error.
// Both files are read as source with the TypeScript compiler, so the test
// needs no worker globals, and classes must stay classes (a snippet may
// `extends` or `instanceof` them).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

type ValueKind = "class" | "function" | "const";

function parse(file: string): ts.SourceFile {
  const path = file.startsWith("/") ? file : fileURLToPath(new URL(file, import.meta.url));
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Values (not types) the d.ts's `declare module "playground"` exports, with their kinds. */
function declaredValues(): Map<string, ValueKind> {
  const out = new Map<string, ValueKind>();
  const source = parse("./playground.d.ts");
  const module = source.statements.find((s): s is ts.ModuleDeclaration => ts.isModuleDeclaration(s) && s.name.getText() === '"playground"');
  if (!module?.body || !ts.isModuleBlock(module.body)) throw new Error('playground.d.ts has no declare module "playground" block');
  for (const statement of module.body.statements) {
    if (!isExported(statement)) continue;
    if (ts.isClassDeclaration(statement) && statement.name) out.set(statement.name.text, "class");
    else if (ts.isFunctionDeclaration(statement) && statement.name) out.set(statement.name.text, "function");
    else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) out.set(d.name.getText(), "const");
    }
  }
  return out;
}

/** Names index.ts re-exports, each with the file it comes from. */
function exportedNames(): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of parse("./index.ts").statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    const from = (statement.moduleSpecifier as ts.StringLiteral).text;
    for (const element of statement.exportClause.elements) {
      if (!statement.isTypeOnly && !element.isTypeOnly) out.set(element.name.text, from);
    }
  }
  return out;
}

/** Whether `name` is declared as a class in the file index.ts takes it from (following re-exports). */
function isClassIn(from: string, name: string): boolean {
  const source = parse(`${from}.ts`);
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement) && statement.name?.text === name && isExported(statement)) return true;
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const element = statement.exportClause.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const local = (element.propertyName ?? element.name).text;
      // `export { X } from "./y"`, or `import { X } from "./y"; export { X }`
      const specifier = statement.moduleSpecifier ?? importOf(source, local);
      if (!specifier) return false;
      const next = new URL((specifier as ts.StringLiteral).text, new URL(`${from}.ts`, import.meta.url));
      return isClassIn(fileURLToPath(next).replace(/\.ts$/, ""), local);
    }
  }
  return false;
}

/** The module a file imports `name` from, if it does. */
function importOf(source: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name)) return statement.moduleSpecifier;
  }
  return undefined;
}

describe("playground.d.ts and index.ts", () => {
  const declared = declaredValues();
  const exported = exportedNames();

  it("declare the same values", () => {
    expect([...declared.keys()].sort()).toEqual([...exported.keys()].sort());
    expect(declared.size).toBeGreaterThan(50);
  });

  it("agree on which names are classes", () => {
    const mismatched = [...declared]
      .filter(([name]) => exported.has(name))
      .filter(([name, kind]) => (kind === "class") !== isClassIn(exported.get(name)!, name))
      .map(([name, kind]) => `${name}: ${kind} in the d.ts`);
    expect(mismatched).toEqual([]);
  });
});
