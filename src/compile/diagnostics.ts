// Turns parser/binder diagnostics and our own findings into the editor's
// 1-based line/column ranges. Monaco counts columns in UTF-16 units, as
// TypeScript's positions do, so no conversion beyond +1 is needed.

import ts from "typescript";
import type { SnippetDiagnostic } from "./types";

export type Severity = SnippetDiagnostic["severity"];
export type Report = (node: ts.Node, message: string, severity: Severity) => void;

export function rangeDiagnostic(
  sf: ts.SourceFile,
  start: number,
  end: number,
  message: string,
  severity: Severity,
): SnippetDiagnostic {
  const from = sf.getLineAndCharacterOfPosition(start);
  const to = sf.getLineAndCharacterOfPosition(Math.max(start, end));
  return {
    message,
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
    severity,
  };
}

export function nodeDiagnostic(sf: ts.SourceFile, node: ts.Node, message: string, severity: Severity) {
  return rangeDiagnostic(sf, node.getStart(sf), node.getEnd(), message, severity);
}

function fromTs(sf: ts.SourceFile, d: ts.Diagnostic): SnippetDiagnostic {
  const start = d.start ?? 0;
  return rangeDiagnostic(sf, start, start + (d.length ?? 0), ts.flattenDiagnosticMessageText(d.messageText, "\n"), "error");
}

/** Syntax errors from the parser: these stop the run. */
export function syntaxDiagnostics(program: ts.Program, sf: ts.SourceFile): SnippetDiagnostic[] {
  return program.getSyntacticDiagnostics(sf).map((d) => fromTs(sf, d));
}

/**
 * Early errors the binder finds (strict-mode violations such as `with`,
 * redeclared `let`s). JavaScript would reject these too, when the runtime
 * builds the function, but without a usable position. `bindDiagnostics` is
 * not in the public typings, hence the guarded read; it is filled once the
 * checker exists.
 */
export function binderDiagnostics(sf: ts.SourceFile): SnippetDiagnostic[] {
  const list = (sf as { bindDiagnostics?: readonly ts.Diagnostic[] }).bindDiagnostics ?? [];
  return list.filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => fromTs(sf, d));
}
