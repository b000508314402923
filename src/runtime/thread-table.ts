// The run's control block and thread table, in the shared heap, so that any
// worker can start, name, count and join threads without asking the page.
//
// Control block (Int32 words from `control`):
//   0 runState       0 running, 1 ending (threads should not start)
//   1 threadNames    counter behind "Thread-N" (counted at construction, as Python)
//   2 dummyNames     counter behind "Dummy-N" (startNewThread)
//   3 nextEntry      next free table entry (ident = entry + 1)
//   4 processNames   counter behind "Process-N"
//   5 maxThreads     limit on threads alive at once (settings.maxThreads)
//   6 alive          threads alive now (started, not finished)
//   7 capacity       table entries
//   8 objectIds      counter behind lock/queue ids shown on the timeline
//   9 tableBase      word index of entry 0
//   10-11 clock      f64: the coarse clock, ms since the epoch (clock-worker.ts)
//   12 pids          counter behind process ids (MAIN_PID + n)
//   13 poolWorkers   counter behind "PoolWorker-N"
//   14 switchIntervalUs  the simulated GIL's switch interval
//   15 gilEnabled    1 when the run simulates the GIL (sync/gil.ts)
// Entry (ENTRY_WORDS words each):
//   0 lifecycle  0 free, 1 starting, 2 alive, 3 finished (join waits on this word)
//   1 daemon     2 role     3 pid     4 ctl (eval-breaker word)
//   5 sleepWord  (private word to Atomics.wait on)     6 ringBase
//   7 waitObj / 8 waitKind (what it blocks on, for deadlock detection)
//   9 parent ident     10 globalsByteOffset     11 globalsCount
//   12 outputBase (its print() ring, output-ring.ts)
//   13 waitAddr (heap word of the object waited on)  14 waitTimed (1: the wait has a timeout)
//   15 exitCode (of a process's main thread, once finished)
//   16 gilBase (heap word of its process's GIL, sync/gil.ts)
//   20 name length in bytes, 21.. UTF-8 name

import type { ThreadRole } from "./protocol";
import { RuntimeError } from "../base/errors";

export const CONTROL_WORDS = 16;
export const ENTRY_WORDS = 64;
const NAME_WORD = 20;
const NAME_BYTES = (ENTRY_WORDS - NAME_WORD - 1) * 4;

export const enum Ctl { RunState = 0, ThreadNames = 1, DummyNames = 2, NextEntry = 3, ProcessNames = 4, MaxThreads = 5, Alive = 6, Capacity = 7, ObjectIds = 8, TableBase = 9, Clock = 10, Pids = 12, PoolWorkerNames = 13, SwitchIntervalUs = 14 }
export const enum Field { Lifecycle = 0, Daemon = 1, Role = 2, Pid = 3, CtlWord = 4, SleepWord = 5, RingBase = 6, WaitObj = 7, WaitKind = 8, Parent = 9, GlobalsByteOffset = 10, GlobalsCount = 11, OutputBase = 12, WaitAddr = 13, WaitTimed = 14, ExitCode = 15, GilBase = 16 }
export const enum Lifecycle { Free = 0, Starting = 1, Alive = 2, Finished = 3 }

export const ROLES: readonly ThreadRole[] = ["main", "thread", "process", "pool-worker", "timer"];
/** Python's -SIGTERM: the exit code of a terminated process */
export const TERMINATED_EXIT_CODE = -15;
/** MainProcess's pid; child processes count up from it */
export const MAIN_PID = 1000;

/** Roles that start a process of their own (fork semantics: a copy of everything). */
export function startsProcess(role: ThreadRole): boolean {
  return role === "process" || role === "pool-worker";
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ThreadTable {
  readonly u8: Uint8Array;

  constructor(readonly i32: Int32Array, readonly control: number) {
    this.u8 = new Uint8Array(i32.buffer);
  }

  static init(i32: Int32Array, control: number, tableBase: number, capacity: number, maxThreads: number): ThreadTable {
    Atomics.store(i32, control + Ctl.TableBase, tableBase);
    Atomics.store(i32, control + Ctl.Capacity, capacity);
    Atomics.store(i32, control + Ctl.MaxThreads, maxThreads);
    return new ThreadTable(i32, control);
  }

  /** Float64 index of the coarse clock (the control block is 8-byte aligned). */
  clockIndex(): number {
    return (this.control + Ctl.Clock) >> 1;
  }

  counter(which: Ctl): number {
    return Atomics.add(this.i32, this.control + which, 1) + 1;
  }

  /** Word index of field `f` of the thread `ident`. */
  at(ident: number, f: number): number {
    return this.i32[this.control + Ctl.TableBase] + (ident - 1) * ENTRY_WORDS + f;
  }

  get(ident: number, f: Field): number {
    return Atomics.load(this.i32, this.at(ident, f));
  }

  set(ident: number, f: Field, value: number): void {
    Atomics.store(this.i32, this.at(ident, f), value);
  }

  capacity(): number {
    return this.i32[this.control + Ctl.Capacity];
  }

  /** Entries handed out so far: idents 1..count(). */
  count(): number {
    return Math.min(Atomics.load(this.i32, this.control + Ctl.NextEntry), this.capacity());
  }

  /**
   * Reserve an entry for a thread about to start, counting it alive. Fails
   * like CPython's "can't start new thread" when the run's limit is reached.
   */
  reserve(name: string, role: ThreadRole, daemon: boolean, pid: number, parent: number): number {
    const i32 = this.i32;
    const max = i32[this.control + Ctl.MaxThreads];
    if (Atomics.add(i32, this.control + Ctl.Alive, 1) >= max) {
      Atomics.sub(i32, this.control + Ctl.Alive, 1);
      throw new RuntimeError(`can't start new thread: ${max} threads are alive, the run's limit (settings.maxThreads)`);
    }
    const entry = Atomics.add(i32, this.control + Ctl.NextEntry, 1);
    if (entry >= this.capacity()) {
      Atomics.sub(i32, this.control + Ctl.Alive, 1);
      throw new RuntimeError(`can't start new thread: this run has already started ${this.capacity()} threads`);
    }
    const ident = entry + 1;
    this.set(ident, Field.Daemon, daemon ? 1 : 0);
    this.set(ident, Field.Role, ROLES.indexOf(role));
    this.set(ident, Field.Pid, pid);
    this.set(ident, Field.Parent, parent);
    this.setName(ident, name);
    this.set(ident, Field.Lifecycle, Lifecycle.Starting);
    return ident;
  }

  /** Mark finished and wake joiners. Returns false if it already was. */
  finish(ident: number): boolean {
    const i = this.at(ident, Field.Lifecycle);
    const before = Atomics.exchange(this.i32, i, Lifecycle.Finished);
    if (before === Lifecycle.Finished) return false;
    Atomics.sub(this.i32, this.control + Ctl.Alive, 1);
    Atomics.notify(this.i32, i);
    return true;
  }

  /** Record what `ident` is about to block on; `kind` 0 clears it. */
  setWait(ident: number, kind: number, obj = 0, addr = 0, timed = false): void {
    this.set(ident, Field.WaitObj, obj);
    this.set(ident, Field.WaitAddr, addr);
    this.set(ident, Field.WaitTimed, timed ? 1 : 0);
    this.set(ident, Field.WaitKind, kind);
  }

  isAlive(ident: number): boolean {
    const state = this.get(ident, Field.Lifecycle);
    return state === Lifecycle.Starting || state === Lifecycle.Alive;
  }

  /** Blocks until `ident` finished; false on timeout. Workers only. */
  join(ident: number, timeoutMs = Infinity): boolean {
    const i = this.at(ident, Field.Lifecycle);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const state = Atomics.load(this.i32, i);
      if (state === Lifecycle.Finished) return true;
      const leftMs = deadline - performance.now();
      if (leftMs <= 0) return false;
      Atomics.wait(this.i32, i, state, leftMs);
    }
  }

  setName(ident: number, name: string): void {
    const bytes = encoder.encode(name).subarray(0, NAME_BYTES);
    const at = this.at(ident, NAME_WORD);
    this.u8.set(bytes, (at + 1) * 4);
    Atomics.store(this.i32, at, bytes.length);
  }

  name(ident: number): string {
    const at = this.at(ident, NAME_WORD);
    const length = Atomics.load(this.i32, at);
    // TextDecoder refuses views of shared memory: copy first.
    return decoder.decode(this.u8.slice((at + 1) * 4, (at + 1) * 4 + length));
  }

  role(ident: number): ThreadRole {
    return ROLES[this.get(ident, Field.Role)] ?? "thread";
  }

  /** The ident of the main thread of the process `ident` belongs to. */
  processMain(ident: number): number {
    let at = ident;
    while (at > 1 && !startsProcess(this.role(at))) at = this.get(at, Field.Parent);
    return at;
  }

  aliveIdents(): number[] {
    const out: number[] = [];
    for (let ident = 1; ident <= this.count(); ident++) if (this.isAlive(ident)) out.push(ident);
    return out;
  }
}
