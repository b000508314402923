// Controlled runs in the learner's language: a step's words ("read
// counter", which the runtime gives in English, step-words.ts), the
// sentence that explains a failing interleaving (session/explore.ts words it
// through these phrases), and what a search that found nothing says.

import { ENGLISH_PHRASES, type ExplainPhrases } from "../../session/explain-failure";
import type { Language } from "../i18n/language";
import { sayByShape, type Shape } from "../i18n/shapes";
import { groupedCount } from "../../base/grouped-count";

/** The runtime's step verbs (runtime/control/step-kinds.ts STEP_VERBS), longest first so "wait for" wins over a shorter one. */
const ZH_VERBS: [string, string][] = [
  ["start a thread", "启动线程"],
  ["wait for", "等待"],
  ["put into", "放入"],
  ["get from", "取自"],
  ["notify", "通知"],
  ["check", "查看"],
  ["abort", "中止"],
  ["reset", "重置"],
  ["close", "关闭"],
  ["cancel", "取消"],
  ["acquire", "获取"],
  ["release", "释放"],
  ["begin", "开始"],
  ["write", "写"],
  ["read", "读"],
  ["clear", "清除"],
  ["join", "join"],
  ["sleep", "sleep"],
  ["print", "print"],
  ["set", "set"],
  ["end", "结束"],
];

/** A step's words in `language`: "read counter" → "读 counter" (names stay as the code spells them). */
export function stepText(text: string, language: Language): string {
  if (language === "en") return text;
  for (const [verb, zh] of ZH_VERBS) {
    if (text === verb) return zh;
    if (text.startsWith(`${verb} `)) return `${zh} ${text.slice(verb.length + 1)}`;
  }
  return text;
}

/** Why step mode refused a step (step-mode.ts STEP_REFUSALS), as the step panel shows it. */
const ZH_REFUSALS: Shape[] = [
  [/^the run has ended: there is no step to take \(start again, or go back\)$/, () => "运行已经结束，没有下一步可走（重新开始，或后退一步）"],
  [/^there is no thread named (".*") \(threads: (.*)\)$/, (thread, threads) => `没有名为 ${thread} 的线程（现有的线程：${threads}）`],
  [/^(.+) cannot take a step: it has ended$/, (thread) => `${thread} 无法走下一步：它已经结束`],
  [/^(.+) cannot take a step: it is sleeping$/, (thread) => `${thread} 无法走下一步：它在休眠`],
  [/^(.+) cannot take a step: it is blocked(?: \((.+)\))?$/, (thread, next) => `${thread} 无法走下一步：它被阻塞了${next ? `（${stepText(next, "zh")}）` : ""}`],
  [/^step mode has not started: call stepStart first$/, () => "单步模式还没有开始：请先调用 stepStart"],
  [/^the steps taken so far no longer fit the code \(was it edited\?\): start again$/, () => "已走的步骤与代码不再相符（代码改过了吗？）：请重新开始"],
];

/** A step's refusal in `language`; a message of no known shape (a run's own error) stays as it is. */
export function stepRefusalText(message: string, language: Language): string {
  return language === "en" ? message : (sayByShape(ZH_REFUSALS, message) ?? message);
}

const ZH_PHRASES: ExplainPhrases = {
  step: (text, line) => `“${stepText(text, "zh")}”${line ? `（第 ${line} 行）` : ""}`,
  someStep: "某一步",
  between: (thread, other, before, after) => `${thread} 在 ${other} 的${before}${after === null ? "之后、它能继续之前运行" : `与${after}之间运行`}`,
  fails: (message) => `出错（${message}）`,
  deadlocks: "死锁",
  noPreemption: (what) => `这个程序不需要任何抢占就会${what}：每个线程一直运行到阻塞或结束。`,
  preemptions: (what, count, switches, more) => `这个程序在 ${count} 次抢占后${what}：${switches.join("；")}${more > 0 ? `；还有 ${more} 次` : ""}。`,
};

export function explainPhrases(language: Language): ExplainPhrases {
  return language === "zh" ? ZH_PHRASES : ENGLISH_PHRASES;
}

export interface SearchWords {
  none(schedulesRun: number, exhaustive: boolean): string;
}

const SEARCH_WORDS: Record<Language, SearchWords> = {
  en: {
    none: (n, exhaustive) =>
      `No failing interleaving in ${groupedCount(n)} ${n === 1 ? "schedule" : "schedules"} (${exhaustive ? "all of them: no interleaving of this program fails" : "not all of them: a longer search might still find one"}).`,
  },
  zh: {
    none: (n, exhaustive) => `在 ${groupedCount(n)} 种调度中没有找到出错的交错（${exhaustive ? "这是全部调度：这个程序的任何交错都不会出错" : "并非全部调度：更长的搜索仍可能找到"}）。`,
  },
};

export function searchWords(language: Language): SearchWords {
  return SEARCH_WORDS[language];
}
