// What the runner tells the page about a run's threads and objects, by the
// names the runner knows: a thread's is taken from the thread table when
// the runner admits it, and kept (the table's copy is the snippet's to
// overwrite); an object's, from the "object" messages its creator sent.
// The deadlock watch (deadlock-watch.ts) names what it finds the same way.
// Bounded: at most MAX_OBJECT_MESSAGES names a run, and MAX_LATE_NOTICES
// threads named in late-code warnings.

import type { FromRunner } from "../frame-protocol";
import type { FromThread } from "../protocol";
import type { DeadlockInfo } from "../types";
import type { ThreadTable } from "../thread-table";
import { DeadlockWatch, type ThreadWait } from "../deadlock-watch";
import { defaultName, kindOf, ObjKind, ordinalOf } from "../../trace/object-kinds";
import { readWaits } from "./deadlock-scan";
import { sleepersConfirm } from "./deadlock-probe";
import { lateWarning, LATE_WARNING_MORE } from "./late-warning";
import { visibleText } from "../../base/visible-text";

/** names and labels a run may send the page (a snippet naming objects in a loop stops being heard) */
const MAX_OBJECT_MESSAGES = 100_000;
/** threads lateNotice names before it says only that there are more */
const MAX_LATE_NOTICES = 20;

type ThreadMessage<T extends FromThread["type"]> = Extract<FromThread, { type: T }>;

export class RunVoice {
  private readonly names = new Map<number, string>();
  private readonly objectNames = new Map<number, string>();
  private objects = 0;
  /** threads whose left-running code has been reported (lateNotice), and, negated, those whose timers at exit were */
  private readonly lateNamed = new Set<number>();
  private readonly deadlockWatch = new DeadlockWatch();

  constructor(
    private readonly runId: number,
    private readonly table: ThreadTable,
    private readonly tableEndWord: number,
    private readonly send: (message: FromRunner) => void,
    private readonly now: () => number,
  ) {}

  /** Thread `ident` goes by `name` from now on, whatever its table entry comes to say. */
  named(ident: number, name: string): void {
    this.names.set(ident, name);
  }

  /** A thread's name as the runner knows it. */
  threadName(ident: number): string {
    return this.names.get(ident) ?? (this.table.holdsSlot(ident) ? this.table.name(ident) : `thread ${ident}`);
  }

  /** A line of the playground's own (ident 0) or in a thread's name. */
  notice(ident: number, text: string): void {
    this.send({ type: "notice", runId: this.runId, ident, thread: ident ? this.threadName(ident) : "playground", text, t: this.now() });
  }

  /**
   * Says, once per thread, that code thread `ident` (the caller checks the
   * runner admitted it) left running did things after its end that no lane shows (the
   * worker counted what its closed rings refused: thread-main.ts), as Python
   * warns of a coroutine never awaited; at most MAX_LATE_NOTICES threads
   * are named. `atExit`: the timers it left set, cleared at its exit (said
   * once more, apart: what its code did later may still come).
   */
  lateNotice(ident: number, events: number, lines: number, timers: number, hostCalls: number, atExit = false): void {
    const key = atExit ? -ident : ident;
    if (this.lateNamed.has(key) || this.lateNamed.size > MAX_LATE_NOTICES) return;
    this.lateNamed.add(key);
    if (this.lateNamed.size > MAX_LATE_NOTICES) return this.notice(0, LATE_WARNING_MORE);
    // (Escaped as every name in the playground's own sentences: a name with a newline would start a line of its own, marked as the playground's.)
    this.notice(0, lateWarning(visibleText(this.threadName(ident)), events, lines, timers, hostCalls));
  }

  object(message: ThreadMessage<"object">): void {
    if (++this.objects > MAX_OBJECT_MESSAGES) return;
    if (message.name !== undefined) this.objectNames.set(message.ref, message.name);
    this.send({ type: "object", runId: this.runId, ref: message.ref, name: message.name, owner: message.owner });
  }

  exception(ident: number, errorName: string, message: string, stack: string, t: number): void {
    this.send({ type: "exception", runId: this.runId, ident, thread: this.threadName(ident), errorName, message, stack, t });
  }

  threadOrigin(sender: number, message: ThreadMessage<"thread-origin">): void {
    this.send({ type: "thread-origin", runId: this.runId, thread: this.threadName(message.ident), parent: this.threadName(sender), pos: message.pos });
  }

  race(sender: number, message: ThreadMessage<"race">): void {
    this.send({
      type: "race", runId: this.runId, thread: this.threadName(sender), access: message.access, site: message.site,
      t: message.t / 1000, prevThread: this.threadName(message.prevIdent), prevAccess: message.prevAccess,
      prevSite: message.prevSite, prevT: message.prevT / 1000, cell: message.cell,
    });
  }

  /** Thread `ident`'s lane ends now, in `state`: the runner ended it (or refused it), not its own code. */
  halted(ident: number, state: "stopped" | "error"): void {
    this.send({ type: "halted", runId: this.runId, ident, state, t: this.now() });
  }

  /**
   * A deadlock the threads' waits show now (two scans must agree:
   * deadlock-watch.ts), said as a notice; null if none. `askKernel`: the
   * threads must also really sleep where they say they wait
   * (deadlock-probe.ts; not in a controlled run, whose threads sleep on the
   * scheduler's words).
   */
  deadlock(askKernel: boolean): DeadlockInfo | null {
    const threadName = (ident: number) => this.threadName(ident);
    const waits = readWaits(this.table, this.tableEndWord, threadName);
    const nameOf = Object.assign(
      (wait: ThreadWait) => (kindOf(wait.obj) === ObjKind.Thread ? threadName(ordinalOf(wait.obj)) : (this.objectNames.get(wait.obj) ?? defaultName(wait.obj))),
      { thread: threadName },
    );
    const verdict = this.deadlockWatch.scan(waits, nameOf);
    if (!verdict) return null;
    if (askKernel && !sleepersConfirm(this.table, this.tableEndWord, waits, verdict.involved)) return null;
    this.notice(0, verdict.sentence);
    return verdict.info;
  }
}
