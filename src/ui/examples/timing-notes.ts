// Honest timings for the lessons about speed (the examples marked `timing`:
// the GIL with CPU-bound threads, processes and their own GIL, the
// four-way comparison). Their figures are measured on the learner's machine,
// so the page says how many cores that machine has, and, when the run did
// not show the speed-up its lesson is about although the cores were there,
// that the machine was most likely busy with other work and the figures say
// little this time. It never claims a speed-up the run did not measure.
//
// Each check compares two of the lines the example prints ("one thread:
// 834 ms", "  processes   412 ms"); a run of edited code gets no notes.

import type { RunResult } from "../../runtime/types";
import { EXAMPLES } from "../../examples/catalog";
import type { Example } from "../../examples/example-types";
import type { Language, Strings } from "../i18n/language";

/** Parallel work on 2+ cores should take at most this share of the serial time; above it, the cores were not free. */
const PARALLEL_SHARE = 0.8;

interface Check {
  /** the slow line and the line that should take about half as long (labels as printed, before ": N ms") */
  serial: string;
  parallel: string;
  /** whether the lesson's speed-up applies to this run */
  applies(output: readonly string[], gil: boolean | undefined): boolean;
}

const CHECKS: Record<string, Check> = {
  // With the GIL off, two threads should take about half of one thread doing both parts.
  "gil-cpu-bound": { serial: "one thread", parallel: "two threads", applies: (output) => output.includes("GIL on: false") },
  // With the GIL on, two processes run in parallel while two threads take turns.
  "gil-processes": { serial: "two threads", parallel: "two processes", applies: (_, gil) => gil !== false },
  // CPU-bound: four processes in parallel against four coroutines one after another.
  "gil-threads-processes-coroutines": { serial: "coroutines", parallel: "processes", applies: () => true },
};

const WORDS: Strings<{
  cores: (n: number) => string;
  oneCore: string;
  busy: (serial: string, serialMs: number, parallel: string, parallelMs: number, cores: number) => string;
}> = {
  en: {
    cores: (n) => `These times were measured on this machine, which has ${n} logical cores (as the browser reports). On another machine they differ.`,
    oneCore: "With one core, nothing can run in parallel here, with or without the GIL: the speed-ups this lesson talks about cannot show.",
    busy: (serial, serialMs, parallel, parallelMs, cores) =>
      `"${parallel}" took ${parallelMs} ms and "${serial}" ${serialMs} ms: on ${cores} free cores "${parallel}" should take about half as long. ` +
      "Other programs were probably busy on this machine, so these figures say little this time: close them and run again.",
  },
  zh: {
    cores: (n) => `这些时间是在这台机器上测得的，它有 ${n} 个逻辑核心（浏览器报告的数字）。换一台机器，结果会不同。`,
    oneCore: "只有一个核心时，无论有没有 GIL，这里都无法并行运行：这一课讲的加速不会出现。",
    busy: (serial, serialMs, parallel, parallelMs, cores) =>
      `“${parallel}”用了 ${parallelMs} 毫秒，“${serial}”用了 ${serialMs} 毫秒：在 ${cores} 个空闲核心上，“${parallel}”应当只用大约一半的时间。` +
      "这台机器上可能有其他程序正忙，所以这次的数字说明不了什么：关掉它们再运行一次。",
  },
};

function timingExample(code: string): Example | undefined {
  return EXAMPLES.find((example) => example.timing && (example.code === code || example.codeZh === code));
}

/** "one thread: 834 ms" or "  processes                 412 ms": the first time printed for `label` (in the CPU-bound part, which comes first). */
export function printedMs(output: readonly string[], label: string): number | null {
  for (const line of output) {
    const match = /^\s*(.+?):?\s+(\d+) ms$/.exec(line);
    if (match && match[1] === label) return Number(match[2]);
  }
  return null;
}

/**
 * Notes for a run of a speed lesson: the core count always, and a warning
 * when the run did not show its speed-up although the machine has the cores.
 * `gil`: the GIL setting the run had; `cores`: navigator.hardwareConcurrency.
 */
export function timingNotes(code: string, result: RunResult, language: Language, gil: boolean | undefined, cores: number): string[] {
  const example = timingExample(code);
  if (!example || result.status !== "ok") return [];
  const words = WORDS[language];
  const notes = [words.cores(cores)];
  if (cores < 2) return [...notes, words.oneCore];
  const check = CHECKS[example.id];
  const output = result.output.map((line) => line.text);
  if (!check || !check.applies(output, gil)) return notes;
  const serialMs = printedMs(output, check.serial);
  const parallelMs = printedMs(output, check.parallel);
  if (serialMs === null || parallelMs === null || parallelMs <= PARALLEL_SHARE * serialMs) return notes;
  return [...notes, words.busy(check.serial, serialMs, check.parallel, parallelMs, cores)];
}
