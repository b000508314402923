// What the page adds under a run's output when the run happened not to show
// the lesson its code teaches. A race is a matter of chance: on a busy
// machine the starter's three threads may count one after another and lose
// no update, and the output would then silently contradict the comment that
// says updates are lost. Saying so plainly, in the reader's language, keeps
// the lesson honest ("run again", not "the comment was wrong").

import type { RunResult } from "../../runtime/types";
import { isStarterCode, starterLostNothing } from "../../examples/starter";
import { currentLanguage, type Language, type Strings } from "../i18n/language";

const NOTES: Strings<{ starterLostNothing: string }> = {
  en: {
    starterLostNothing:
      "No update was lost this time: the threads happened not to add at the same moment. Run again: a race shows only when they overlap.",
  },
  zh: {
    starterLostNothing: "这次没有丢失任何更新：线程碰巧没有在同一时刻做加法。再运行一次：只有线程重叠时才会出现竞争。",
  },
};

/** Notes for the run of `code` that ended with `result`; empty when the run showed what it teaches. */
export function lessonNotes(code: string, result: RunResult, language: Language = currentLanguage()): string[] {
  if (result.status !== "ok" || !isStarterCode(code)) return [];
  const lostNothing = starterLostNothing(result.output.map((line) => line.text));
  return lostNothing ? [NOTES[language].starterLostNothing] : [];
}
