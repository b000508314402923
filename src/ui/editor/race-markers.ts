// A race the detector found (API.md §11) marks both of its lines in the
// editor: each access gets a warning under the code it names (`counter`,
// `this.stop`), saying what it raced with, in the page's language. They are
// diagnostics like the compiler's, so they share its markers and hovers, but
// kept as the run's own (EditorState.runDiagnostics): they go when the code
// changes or the next run starts, not when the compiler next answers.

import type { RaceAccess, RaceInfo, SnippetDiagnostic } from "../../runtime/types";
import { currentLanguage } from "../i18n/language";
import { visibleText } from "../../base/visible-text";

function words(a: RaceAccess): string {
  if (currentLanguage() === "zh") return `${visibleText(a.thread)} 在第 ${a.line} 行${a.access === "write" ? "写" : "读"} ${a.text}`;
  return `${a.access} of ${a.text} by ${visibleText(a.thread)} at line ${a.line}`;
}

function message(race: RaceInfo, here: RaceAccess, there: RaceAccess): string {
  if (currentLanguage() === "zh") {
    return `数据竞争：${words(here)}，与 ${words(there)} 之间没有锁、队列、事件或 join 来排定先后`;
  }
  return `Data race on ${race.variable}: ${words(here)}, and ${words(there)}; no lock, queue, event or join orders them`;
}

function at(race: RaceInfo, here: RaceAccess, there: RaceAccess): SnippetDiagnostic {
  const length = Math.max(1, here.text.length);
  return {
    message: message(race, here, there),
    line: here.line,
    column: here.column,
    endLine: here.line,
    endColumn: here.column + length,
    severity: "warning",
  };
}

/** The two editor markers of one race. */
export function raceDiagnostics(race: RaceInfo): SnippetDiagnostic[] {
  const marks = [at(race, race.second, race.first)];
  if (race.first.line !== race.second.line || race.first.column !== race.second.column) marks.push(at(race, race.first, race.second));
  return marks;
}
