// Each sentence shape the runtime writes, as its producer writes it, shown
// in Chinese with no English left but names (threads, objects, Python's
// and the API's words); English stays untouched.

import { describe, expect, it } from "vitest";
import { localizeRuntimeText } from "./runtime-words";
import { raceReportText } from "../../session/race-reports";
import { controlProblem } from "../../runtime/runner/control-report";
import { End } from "../../runtime/control/control-memory";
import { findDeadlock, type NameOf, type ThreadWait } from "../../runtime/deadlock-watch";
import { defaultName, kindOf, ObjKind, objRef, ordinalOf } from "../../trace/object-kinds";
import { tracebackParts } from "./traceback-links";
import { lateWarning, LATE_WARNING_MORE } from "../../runtime/runner/late-warning";
import { checkHolds, contradictionText, unsettledText } from "../../trace/contradictions";
import { EventKind } from "../../trace/events";
import { TraceModel } from "../../trace/model";
import { compile } from "../../compile/compile";
import { refusedResult } from "../../session/playground-runtime";
import { lostThreads, unreadableTrace } from "../../runtime/runner/run-drain";
import { tooManyThreads } from "../../runtime/thread-table";

/** Latin words left in a Chinese line once the names it may carry are taken out. */
const NAMES = /\b(?:MainThread|Thread-\w+|lock[AB]|Lock \d+|counter|balance|settings\.maxThreads|DATA RACE|MemoryError|RuntimeWarning|can't start new thread|join|await|setTracing|false)\b/g;
/** calls, as the code writes them: time.sleep(), asyncio.toThread() */
const CALLS = /[\w.]+\(\)/g;
const englishLeft = (text: string) => text.replace(CALLS, "").replace(NAMES, "").match(/[A-Za-z]{2,}/g) ?? [];

const lock = (n: number) => objRef(ObjKind.Lock, n);
const nameOf: NameOf = (w, byIdent) =>
  kindOf(w.obj) === ObjKind.Thread ? byIdent.get(ordinalOf(w.obj))?.name ?? "?" : w.obj === lock(1) ? "lockA" : defaultName(w.obj);
const onLock = (ident: number, name: string, n: number, owner: number): ThreadWait => ({ ident, name, obj: lock(n), timed: false, heldBy: owner, progress: 1, addr: -1 });
const joining = (ident: number, name: string, joined: number): ThreadWait =>
  ({ ident, name, obj: objRef(ObjKind.Thread, joined), timed: false, heldBy: joined, progress: 1, addr: -1 });

const race = raceReportText(
  { variable: "counter", first: { thread: "Thread-3", access: "write", line: 11, text: "counter" }, second: { thread: "Thread-2", access: "read", line: 11, text: "counter" } } as never,
  new Map([["Thread-2", { line: 16, parent: "MainThread" }], ["Thread-3", { line: 16, parent: "MainThread" }]]),
);

const traced = new TraceModel();
traced.addThread(1, "MainThread", "main", 1000);
traced.addThread(2, "Thread-1", "thread", 1000);
traced.labels.set(lock(1), "lockA");

/** A run whose first `locks` Locks (lockA, Lock 2, ...) each had too many releases by threads not holding them to place (lock-releases.ts). */
function unsettledLocks(locks: number): string {
  const m = new TraceModel();
  for (let ident = 1; ident <= 2000; ident++) m.addThread(ident, ident === 1 ? "MainThread" : `Thread-${ident - 1}`, ident === 1 ? "main" : "thread", 1000);
  m.labels.set(lock(1), "lockA");
  for (let n = 1; n <= locks; n++) {
    for (let ident = 1; ident <= 2000; ident++) m.add(ident, ident, EventKind.LockAcquired, 0, lock(n));
    for (let r = 0; r < 3000; r++) m.add(1, 5000 + r, EventKind.LockReleased, 0, lock(n));
  }
  checkHolds(m);
  return unsettledText(m)!;
}

const SAID = [
  findDeadlock([onLock(2, "Thread-AB", 2, 3), onLock(3, "Thread-BA", 1, 2)], nameOf)!.sentence,
  findDeadlock([joining(1, "MainThread", 2), onLock(2, "Thread-1", 5, 1)], nameOf)!.sentence,
  findDeadlock([onLock(2, "Thread-1", 1, 9)], Object.assign(nameOf, { thread: () => "Thread-7" }))!.sentence,
  "deadlock: every thread is waiting and none can go on (no lock, event or join they wait for can change any more)",
  race,
  "12 more output lines were printed but not kept (a run keeps at most 100000 lines and 32 MB of text)",
  "MemoryError: the process the run's threads ran in stopped answering for 2.5 s: most likely the browser ended it for running out of memory (the page is fine; the next run starts afresh)",
  tooManyThreads(64),
  controlProblem(End.Diverged)!,
  controlProblem(End.TooLong)!,
  controlProblem(-1)!,
  "race detector: the run started more than 256 threads; races after that were not checked",
  "race detector: more than 65536 shared cells were used; cells beyond that were not checked",
  "race detector: out of memory for concurrent readers; some read/write races may not be reported",
  "hint: time.sleep() blocks this thread's whole event loop, so no other task runs meanwhile; use await asyncio.sleep() / asyncio.toThread() instead",
  lateWarning("Thread-2", 3, 1),
  lateWarning("Thread-5", 0, 1),
  lateWarning("Thread-6", 1, 0),
  lateWarning("Thread-7", 0, 0, 1),
  lateWarning("Thread-8", 2, 1, 3),
  lateWarning("Thread-9", 0, 0, 0, 1),
  lateWarning("Thread-10", 0, 0, 2, 3),
  lateWarning("Thread-11", 1, 0, 0, 2),
  lateWarning("Thread-12", 0, 4, 1, 1),
  LATE_WARNING_MORE,
  "the run's trace was not completely read at its end",
  contradictionText(traced, { kind: "two-holders", obj: lock(1), idents: [1, 2], tMs: 62 }),
  contradictionText(traced, { kind: "after-end", obj: 0, idents: [2], tMs: 43.5 }),
  unsettledLocks(1),
  unsettledLocks(5),
  ...[
    lostThreads(1),
    lostThreads(3),
    "a trace ring's header was overwritten (-4 events pending of 65536)",
    "a trace ring at word 12 lies outside the heap",
    "an output ring's header was overwritten (99 words pending of 16384)",
    "an output ring at word 8 lies outside the heap",
    "an output ring's record runs past what was written",
    "an output ring holds a record of impossible length -1",
    "an output ring holds a record whose name is longer than the record (300 of 12 bytes)",
    "thread slot 3 changed hands before its thread 7 was released",
    "thread slot 3 holds an ident (-1) that is not its own",
    "thread slot 3's rings were moved",
  ].map(unreadableTrace),
];

describe("the runtime's sentences in Chinese", () => {
  it.each(SAID.map((text) => [text.split("\n")[0].slice(0, 60), text]))("%s", (_, text) => {
    const zh = localizeRuntimeText(text, "zh");
    expect(zh).not.toBe(text);
    expect(englishLeft(zh), zh).toEqual([]);
    expect(localizeRuntimeText(text, "en")).toBe(text);
  });

  it("says who, where and what in a race report, and its lines still link into the editor", () => {
    const zh = localizeRuntimeText(race, "zh").split("\n");
    expect(zh).toContain("Thread-2 在第 11 行读取 counter");
    expect(zh).toContain("此前 Thread-3 在第 11 行写入了 counter");
    expect(zh).toContain("Thread-2 由 MainThread 在第 16 行启动");
    expect(tracebackParts(zh[2]).find((p) => p.line !== undefined)).toMatchObject({ text: "第 11 行", line: 11 });
  });

  it("names both sides of a deadlock", () => {
    expect(localizeRuntimeText(SAID[0], "zh")).toBe("死锁：Thread-AB 在等待 Lock 2，它被 Thread-BA 持有；Thread-BA 在等待 lockA，它被 Thread-AB 持有；它们都无法继续。");
    expect(localizeRuntimeText(SAID[1], "zh")).toContain("MainThread 在等待 Thread-1 结束");
  });

  it("does not even look at a line longer than any sentence of its own (a snippet's exception can be megabytes)", () => {
    const long = `${"Thread-1 ".repeat(50_000)}started at line 3 by MainThread`;
    expect(localizeRuntimeText(long, "zh")).toBe(long);
  });

  it("shows a refused snippet's SyntaxError in the compiler's Chinese, and its place still links into the editor", () => {
    // (A syntax error stops the compile before its own checks: two snippets.)
    const said = (source: string) => {
      const errors = compile(source).diagnostics.map((d) => ({ thread: "MainThread", message: d.message, line: d.line, column: d.column }));
      return localizeRuntimeText(refusedResult(errors).output[0].text, "zh");
    };
    const mine = said(`import fs from "fs";`);
    const typescripts = said(`let a = 1;\nlet b: number = ;`);
    expect(mine).toBe(`SyntaxError: 只能导入 "playground"（第 1 行第 1 列）`);
    expect(tracebackParts(mine).find((p) => p.line !== undefined)).toMatchObject({ text: "第 1 行第 1 列", line: 1, column: 1 });
    // TypeScript's own message stays as TypeScript wrote it; its place is said in Chinese.
    expect(typescripts).toMatch(/^SyntaxError: Expression expected\.（第 2 行第 \d+ 列）$/);
  });

  it("leaves what it does not know as it was: a snippet's own words, Python's tracebacks", () => {
    for (const text of ["expected 600000, got 479725", "Traceback (most recent call last):\n  File \"snippet.ts\", line 4, in work\nValueError: bad"]) {
      expect(localizeRuntimeText(text, "zh")).toBe(text);
    }
  });
});
