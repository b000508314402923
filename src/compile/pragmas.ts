// Reads the optional first-line pragma, e.g.
//   // playground: gil=on switchInterval=5 maxThreads=16 race=on
//   // playground: controlled=on seed=7
// so that a shared snippet carries the run settings it was written for
// (API.md §7). Only line 1 counts, as with a shebang: a pragma further down
// would be too easy to miss when reading the snippet. A known setting with
// a value out of its range is an error, so nothing runs (API.md §9: from
// any entry, such a setting fails the run, naming it); a key it does not
// know is only warned of.

import type { SnippetDiagnostic } from "./types";
import type { Pragmas } from "./types";

const PRAGMA_LINE = /^(\s*\/\/\s*playground\s*:)(.*)$/;
const KNOWN = "gil, switchInterval, maxThreads, race, controlled, seed";
const onOff = (v: string): boolean | undefined =>
  v === "on" || v === "true" || v === "1" ? true : v === "off" || v === "false" || v === "0" ? false : undefined;

export interface PragmaResult {
  pragmas: Pragmas;
  diagnostics: SnippetDiagnostic[];
}

export function parsePragmas(source: string): PragmaResult {
  const pragmas: Pragmas = {};
  const diagnostics: SnippetDiagnostic[] = [];
  const newline = source.indexOf("\n");
  const firstLine = (newline < 0 ? source : source.slice(0, newline)).replace(/\r$/, "");
  const match = PRAGMA_LINE.exec(firstLine);
  if (!match) return { pragmas, diagnostics };

  const report = (start: number, length: number, message: string, severity: SnippetDiagnostic["severity"]) =>
    diagnostics.push({
      message,
      line: 1,
      column: start + 1,
      endLine: 1,
      endColumn: start + length + 1,
      severity,
    });

  const offset = match[1].length;
  for (const token of match[2].matchAll(/\S+/g)) {
    const start = offset + (token.index ?? 0);
    const text = token[0];
    const eq = text.indexOf("=");
    const key = eq < 0 ? text : text.slice(0, eq);
    const value = eq < 0 ? "" : text.slice(eq + 1);
    const bad = (expected: string) => report(start, text.length, `pragma '${key}' expects ${expected}`, "error");
    switch (key) {
      case "gil":
      case "race":
      case "raceDetector":
      case "controlled": {
        const on = onOff(value.toLowerCase());
        if (on === undefined) bad("on or off");
        else if (key === "gil") pragmas.gil = on;
        else if (key === "controlled") pragmas.controlled = on;
        else pragmas.raceDetector = on;
        break;
      }
      case "seed": {
        // The range every entry has (runtime/settings.ts checkSetting): a 32-bit unsigned whole number.
        const n = Number(value);
        if (value !== "" && Number.isInteger(n) && n >= 0 && n <= 0xffffffff) pragmas.seed = n;
        else bad("a whole number from 0 to 4294967295");
        break;
      }
      case "switchInterval":
      case "switchIntervalMs": {
        const ms = Number(value);
        if (value !== "" && Number.isFinite(ms) && ms > 0) pragmas.switchIntervalMs = ms;
        else bad("a positive number of milliseconds");
        break;
      }
      case "maxThreads": {
        const n = Number(value);
        if (value !== "" && Number.isInteger(n) && n > 0) pragmas.maxThreads = n;
        else bad("a positive whole number");
        break;
      }
      default:
        report(start, text.length, `unknown pragma '${key}' (known: ${KNOWN})`, "warning");
    }
  }
  return { pragmas, diagnostics };
}
