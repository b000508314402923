// What the Python panel shows for the editor's code: the example's Python
// program (with Chinese comments for Chinese readers) and the Python line a
// TypeScript line corresponds to. Pure: no React, no Monaco.
//
// The line map is written for the example as it is in the gallery. Once the
// learner edits the code its lines shift, so the map is only followed while
// the code is still the example's (in either language: comments are
// translated line for line, so the numbers are the same).

import type { Example } from "../../examples/catalog";
import { PYTHON_VERSIONS, pythonCodeZh, type PythonVersion } from "../../examples/python";
import type { Language } from "../i18n/language";

export interface PythonView {
  exampleId: string;
  /** the Python program, comments in the reader's language */
  code: string;
  /** whether the TypeScript in the editor is still the example's, so lines map */
  linesMatch: boolean;
  tsToPy: readonly number[];
}

/** The Python version of an example, if the gallery has one. */
export function pythonVersionOf(exampleId: string | null): PythonVersion | undefined {
  return exampleId ? PYTHON_VERSIONS[exampleId] : undefined;
}

export function pythonView(example: Example | undefined, editorCode: string, language: Language): PythonView | null {
  if (!example) return null;
  const version = pythonVersionOf(example.id);
  if (!version) return null;
  return {
    exampleId: example.id,
    code: language === "zh" ? pythonCodeZh(version) : version.code,
    linesMatch: editorCode === example.code || editorCode === example.codeZh,
    tsToPy: version.tsToPy,
  };
}

/** The 1-based Python line for a 1-based TypeScript line, or null (no counterpart, edited code). */
export function pythonLineFor(view: PythonView | null, tsLine: number | null): number | null {
  if (!view || !view.linesMatch || tsLine === null) return null;
  const line = view.tsToPy[tsLine - 1];
  return line && line > 0 ? line : null;
}

/** The TypeScript lines whose counterpart is this Python line (hovering the Python side). */
export function tsLinesFor(view: PythonView | null, pyLine: number | null): number[] {
  if (!view || !view.linesMatch || pyLine === null) return [];
  const lines: number[] = [];
  view.tsToPy.forEach((py, i) => { if (py === pyLine) lines.push(i + 1); });
  return lines;
}
