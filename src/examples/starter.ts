// The snippet a learner sees first: the classic lost-update race, then the
// same program fixed with a Lock. The threads wait at a Barrier so they really
// count at the same time (a thread that starts a moment later could otherwise
// finish its loop before the next one begins, and hide the race).
// Chinese readers get the same program with Chinese comments (the same
// mechanism as the gallery's: chinese-comments.ts), so line numbers and
// prints are the same in both.

import { withComments, type CommentsZh } from "./chinese-comments";

export const starterSnippet = `// Three threads add 1 to a shared counter, 200,000 times each.
// Press Run (Ctrl/⌘+Enter): without a lock, some updates are lost.
import { Thread, Lock, Barrier, print, now } from "playground";

const N = 200_000;
let counter = 0;          // top-level numbers are shared by every thread
const lock = new Lock();
const ready = new Barrier(3); // start counting together

function work(n: number, useLock: boolean) {
  ready.wait();
  for (let i = 0; i < n; i++) {
    if (useLock) {
      lock.with(() => { counter += 1; });
    } else {
      counter += 1;       // read, add, write: another thread can write in between
    }
  }
}

function race(useLock: boolean) {
  counter = 0;
  const start = now();
  const threads = [1, 2, 3].map(() => new Thread({ target: work, args: [N, useLock] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const label = useLock ? "with a lock:   " : "without a lock:";
  print(label, counter, "of", 3 * N, \`(\${(now() - start).toFixed(1)} ms)\`);
}

race(false);
race(true);
`;

const STARTER_COMMENTS_ZH: CommentsZh = {
  "Three threads add 1 to a shared counter, 200,000 times each.\n// Press Run (Ctrl/⌘+Enter): without a lock, some updates are lost.":
    "三个线程各自给共享的计数器加 1，每个加 200,000 次。\n// 按“运行”（Ctrl/⌘+Enter）：不加锁时，有些更新会丢失。",
  "top-level numbers are shared by every thread": "顶层的数字变量由所有线程共享",
  "start counting together": "三个线程同时开始计数",
  "read, add, write: another thread can write in between": "读取、加一、写回：别的线程可能在这中间写入",
};

/** The starter with Chinese comments: the same program, line for line. */
export const starterSnippetZh = withComments(starterSnippet, STARTER_COMMENTS_ZH);

/** The starter for readers of `language`. */
export function starterCode(language: "en" | "zh"): string {
  return language === "zh" ? starterSnippetZh : starterSnippet;
}

/** Whether `code` is the starter as first shown, in either language (not edited since). */
export function isStarterCode(code: string): boolean {
  return code === starterSnippet || code === starterSnippetZh;
}

/**
 * The starter's unlocked half prints "without a lock: <counter> of <total>";
 * this reads that line. The lesson shows only when counter < total; on a
 * machine busy enough to run the threads one after another it may not, and
 * the page must then say so rather than contradict the comment above.
 */
export const STARTER_UNLOCKED_LINE = /^without a lock:\s+(\d+) of (\d+)\b/;

/** From the run's printed lines: whether the unlocked half lost no update (null: the line is not there). */
export function starterLostNothing(lines: readonly string[]): boolean | null {
  for (const line of lines) {
    const match = STARTER_UNLOCKED_LINE.exec(line);
    if (match) return Number(match[1]) === Number(match[2]);
  }
  return null;
}
