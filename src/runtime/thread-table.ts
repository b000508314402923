// The run's control block and thread table, in the runtime heap, so that any
// worker can start, name, count and join threads without asking the runner.
//
// Slots are reused: a run may start and join threads without end (Python has
// no limit on how many threads a program starts over its life, only on how
// many live at once). A thread's ident is unique for the whole run:
//   ident = generation * capacity + slot + 1
// so the slot is (ident - 1) % capacity, and a handle on a thread that ended
// long ago (its slot since reused, generation moved on) is recognised as
// ended instead of being confused with the slot's new thread.
//
// A slot's life: free -> starting (reserved by the thread that starts it)
// -> alive (its worker runs it) -> finished (it ended; joiners wake) ->
// released (the runner has its worker back) -> free again, once the drainer
// has read the last of its trace and output (runtime/drainer). Free slots
// form a lock-free stack whose head carries a 16-bit tag against ABA
// (free-slots.ts).
//
// Control block (Int32 words from `control`):
//   0 runState       0 running, 1 ending (threads should not start)
//   1 threadNames    counter behind "Thread-N"
//   2 dummyNames     counter behind "Dummy-N" (startNewThread)
//   3 slotsUsed      high-water mark of slots ever reserved (the drainer scans below it)
//   4 processNames   counter behind "Process-N"
//   5 maxThreads     limit on threads alive at once (settings.maxThreads)
//   6 alive          threads alive now (reserved, not finished)
//   7 capacity       slots in the table
//   8 (unused)
//   9 tableBase      word index of slot 0
//   10-11 clock      f64: the coarse clock, ms since the epoch (clock-worker.ts)
//   12 pids          counter behind process ids (MAIN_PID + n)
//   13 poolWorkers   counter behind "PoolWorker-N"
//   14 switchIntervalUs  the simulated GIL's switch interval
//   15 freeHead      tag << 16 | (slot + 1) of the top free slot, 0 slot part: none
//   16 slotsFreed    bumped (and notified) whenever a slot becomes free
//   17 drainSignal   bumped (and notified) by a thread whose ring is filling up
//   18 exitCodes     word index of the exit codes, one word per ident (a process's
//                    exitcode outlives its slot); pages of it are touched only as used
//   19 blocks        word index of the heap's block allocator (sync/blocks.ts)
//   20 dock          word index of the dock, one word per worker place (runtime/dock.ts)
//   21 dockPlaces    how many places the dock has
//   22 dockHint      where the next hand-off starts looking (spreads them out)
//   23-31 (reserved)
//   32-95 kind counters: the per-kind ordinals behind "Lock 3" (trace/object-kinds.ts)
// Slot (ENTRY_WORDS words each):
//   0 lifecycle  1 ident  2 daemon  3 role  4 pid  5 parent ident
//   6 ctl (index of its eval-breaker word in the control buffer)
//   7 sleepWord (private word to Atomics.wait on)  8 ringBase  9 outputBase
//   10 waitObj  11 waitKind  12 waitAddr  13 waitTimed (what it blocks on, for deadlock detection)
//   14 exitCode (of a process's main thread, once finished)
//   15 gilBase (heap word of its process's GIL, sync/gil.ts)
//   16 globalsOffset (byte offset of its process's shared globals in the user heap)  17 globalsCount
//   18 nextFree (free-stack link)  19 generation
//   20 spawnBlock (block holding what the thread runs, runtime/spawn-payload.ts; 0: nothing)
//   21 spawnBytes (its length in bytes)
//   22 name word (length in bytes, write count: slot-names.ts), 23.. UTF-8 name

import type { ThreadRole } from "./protocol";
import { RuntimeError } from "../base/errors";
import { FreeSlots } from "./free-slots";
import { NAME_WORD, readName, readSlotName, writeName } from "./slot-names";

/** CPython's "can't start new thread", as the run's limit has it: `maxThreads` threads besides MainThread (settings.maxThreads). */
export const tooManyThreads = (maxThreads: number) =>
  `can't start new thread: ${maxThreads} threads besides MainThread are alive, the run's limit (settings.maxThreads)`;

export const CONTROL_WORDS = 96;
export const ENTRY_WORDS = 64;
export const NAME_BYTES = (ENTRY_WORDS - NAME_WORD - 1) * 4;
/** how long the runner's read of a name tries for it whole (slotName) */
const NAME_READ_MS = 1;
/** slots are numbered in 16 bits in the free stack */
export const MAX_SLOTS = 0xffff;
/** idents must fit the 24 bits an object reference gives them (trace/object-kinds.ts) */
export const MAX_IDENT = 0xffffff;
/** exit codes are kept past a slot's reuse for this many idents (4 MiB of heap, touched as used) */
export const EXIT_CODE_IDENTS = 1 << 20;

export const enum Ctl {
  RunState = 0, ThreadNames = 1, DummyNames = 2, SlotsUsed = 3, ProcessNames = 4, MaxThreads = 5, Alive = 6,
  Capacity = 7, TableBase = 9, Clock = 10, Pids = 12, PoolWorkerNames = 13, SwitchIntervalUs = 14,
  FreeHead = 15, SlotsFreed = 16, DrainSignal = 17, ExitCodes = 18, Blocks = 19, Dock = 20, DockPlaces = 21,
  DockHint = 22, ExecutorNames = 23, KindCounters = 32,
}
export const enum Field {
  Lifecycle = 0, Ident = 1, Daemon = 2, Role = 3, Pid = 4, Parent = 5, CtlWord = 6, SleepWord = 7,
  RingBase = 8, OutputBase = 9, WaitObj = 10, WaitKind = 11, WaitAddr = 12, WaitTimed = 13, ExitCode = 14,
  GilBase = 15, GlobalsOffset = 16, GlobalsCount = 17, NextFree = 18, Generation = 19, SpawnBlock = 20, SpawnBytes = 21,
}
export const enum Lifecycle { Free = 0, Starting = 1, Alive = 2, Finished = 3, Released = 4 }

export const ROLES: readonly ThreadRole[] = ["main", "thread", "process", "pool-worker", "timer"];
/** Python's -SIGTERM: the exit code of a terminated process */
export const TERMINATED_EXIT_CODE = -15;
/** MainProcess's pid; child processes count up from it */
export const MAIN_PID = 1000;
/** how long start() waits for the runner to hand back a finished thread's slot */
const SLOT_WAIT_MS = 10_000;

/** Roles that start a process of their own (fork semantics: a copy of everything). */
export function startsProcess(role: ThreadRole): boolean {
  return role === "process" || role === "pool-worker";
}


export interface TableLayout {
  /** word index of slot 0 */
  base: number;
  /** slots */
  capacity: number;
}

export class ThreadTable {
  readonly u8: Uint8Array;
  private readonly base: number;
  readonly capacity: number;
  private readonly free: FreeSlots;
  /** the most bytes of UTF-8 a thread's name keeps */
  readonly nameBytes = NAME_BYTES;

  /** `layout`: where the table lies, as the runner laid it out (the drainer's: the words in the heap are the snippet's to write) */
  constructor(readonly i32: Int32Array, readonly control: number, layout?: TableLayout) {
    this.u8 = new Uint8Array(i32.buffer);
    this.base = layout?.base ?? i32[control + Ctl.TableBase];
    this.capacity = layout?.capacity ?? i32[control + Ctl.Capacity];
    this.free = new FreeSlots(i32, control + Ctl.FreeHead, control + Ctl.SlotsFreed, (slot) => this.slotAt(slot, Field.NextFree));
  }

  /** Where the table lies (the runner's copy, for the drainer). */
  layout(): TableLayout {
    return { base: this.base, capacity: this.capacity };
  }

  /**
   * Writes an empty table of `capacity` slots (the runner, before any worker
   * starts) and reserves slot 0 for MainThread: its ident is 1.
   */
  static init(i32: Int32Array, control: number, tableBase: number, capacity: number, maxThreads: number): ThreadTable {
    if (capacity < 2 || capacity > MAX_SLOTS) throw new RangeError(`thread table capacity ${capacity} out of range`);
    Atomics.store(i32, control + Ctl.TableBase, tableBase);
    Atomics.store(i32, control + Ctl.Capacity, capacity);
    Atomics.store(i32, control + Ctl.MaxThreads, maxThreads);
    const table = new ThreadTable(i32, control);
    for (let slot = capacity - 1; slot >= 0; slot--) table.pushFree(slot);
    return table;
  }

  /** Float64 index of the coarse clock (the control block is 8-byte aligned). */
  clockIndex(): number {
    return (this.control + Ctl.Clock) >> 1;
  }

  counter(which: Ctl): number {
    return Atomics.add(this.i32, this.control + which, 1) + 1;
  }

  slotOf(ident: number): number {
    return (ident - 1) % this.capacity;
  }

  /** Word index of field `f` of slot `slot`. */
  slotAt(slot: number, f: number): number {
    return this.base + slot * ENTRY_WORDS + f;
  }

  /** Word index of field `f` of the thread `ident` (its slot's, whoever holds it now). */
  at(ident: number, f: number): number {
    return this.slotAt(this.slotOf(ident), f);
  }

  get(ident: number, f: Field): number {
    return Atomics.load(this.i32, this.at(ident, f));
  }

  set(ident: number, f: Field, value: number): void {
    Atomics.store(this.i32, this.at(ident, f), value);
  }

  /** Whether `ident` still owns its slot (it has not ended and been recycled). */
  holdsSlot(ident: number): boolean {
    return this.get(ident, Field.Ident) === ident;
  }

  /** Slots reserved so far, at most: the drainer and deadlock watch scan these. */
  slotsUsed(): number {
    return Math.min(Atomics.load(this.i32, this.control + Ctl.SlotsUsed), this.capacity);
  }

  /** Puts a slot back on the free stack (free-slots.ts) and wakes a start() waiting for one. */
  pushFree(slot: number): void {
    Atomics.store(this.i32, this.slotAt(slot, Field.Lifecycle), Lifecycle.Free);
    this.free.push(slot);
  }

  /**
   * Reserve a slot for a thread about to start, counting it alive (publish
   * it once provisioned, or abandon it). Fails like CPython's "can't start
   * new thread" when the run's limit is reached.
   */
  reserve(name: string, role: ThreadRole, daemon: boolean, pid: number, parent: number): number {
    const i32 = this.i32;
    const max = i32[this.control + Ctl.MaxThreads];
    if (Atomics.add(i32, this.control + Ctl.Alive, 1) >= max) {
      Atomics.sub(i32, this.control + Ctl.Alive, 1);
      // (The table counts MainThread too: its limit is the setting's plus one.)
      throw new RuntimeError(tooManyThreads(max - 1));
    }
    // (Waiting a while for the runner to recycle one if none is free.)
    const slot = this.free.take(SLOT_WAIT_MS);
    if (slot < 0) {
      Atomics.sub(i32, this.control + Ctl.Alive, 1);
      throw new RuntimeError(`can't start new thread: all ${this.capacity} thread slots are still in use`);
    }
    const generation = Atomics.add(i32, this.slotAt(slot, Field.Generation), 1);
    const ident = generation * this.capacity + slot + 1;
    if (ident > MAX_IDENT) {
      this.pushFree(slot);
      Atomics.sub(i32, this.control + Ctl.Alive, 1);
      throw new RuntimeError(`can't start new thread: this run has started ${ident - 1} threads, the most one run can`);
    }
    for (let used = Atomics.load(i32, this.control + Ctl.SlotsUsed); used < slot + 1;) {
      const seen = Atomics.compareExchange(i32, this.control + Ctl.SlotsUsed, used, slot + 1);
      if (seen === used) break;
      used = seen;
    }
    this.clearWait(slot);
    const at = (f: Field) => this.slotAt(slot, f);
    Atomics.store(i32, at(Field.Ident), ident);
    Atomics.store(i32, at(Field.Daemon), daemon ? 1 : 0);
    Atomics.store(i32, at(Field.Role), ROLES.indexOf(role));
    Atomics.store(i32, at(Field.Pid), pid);
    Atomics.store(i32, at(Field.Parent), parent);
    Atomics.store(i32, at(Field.ExitCode), 0);
    Atomics.store(i32, at(Field.SpawnBlock), 0);
    Atomics.store(i32, at(Field.SpawnBytes), 0);
    Atomics.store(i32, at(Field.CtlWord), slot);
    this.setName(ident, name);
    return ident;
  }

  /**
   * Makes a reserved thread visible (to joiners and the drainer) once its
   * memory is provisioned: until then its slot still reads as free, so the
   * drainer never looks at rings that are being set up.
   */
  publish(ident: number): void {
    const i = this.at(ident, Field.Lifecycle);
    Atomics.store(this.i32, i, Lifecycle.Starting);
    Atomics.notify(this.i32, i);
  }

  private clearWait(slot: number): void {
    for (const f of [Field.WaitObj, Field.WaitKind, Field.WaitAddr, Field.WaitTimed]) Atomics.store(this.i32, this.slotAt(slot, f), 0);
  }

  /** Mark finished and wake joiners. Returns false if it already was (or the slot moved on). */
  finish(ident: number): boolean {
    if (!this.holdsSlot(ident)) return false;
    const i = this.at(ident, Field.Lifecycle);
    const before = Atomics.compareExchange(this.i32, i, Lifecycle.Alive, Lifecycle.Finished);
    const was = before === Lifecycle.Alive ? before : Atomics.compareExchange(this.i32, i, Lifecycle.Starting, Lifecycle.Finished);
    if (was !== Lifecycle.Alive && was !== Lifecycle.Starting) return false;
    Atomics.sub(this.i32, this.control + Ctl.Alive, 1);
    Atomics.notify(this.i32, i);
    return true;
  }

  /**
   * A thread that will never run (its start failed, or the runner refused
   * it): finished for its joiners, and released for the drainer to recycle.
   */
  abandon(ident: number): void {
    if (!this.holdsSlot(ident)) return;
    if (this.get(ident, Field.Lifecycle) === Lifecycle.Free) {
      // never published: nobody else has seen it
      Atomics.sub(this.i32, this.control + Ctl.Alive, 1);
      this.pushFree(this.slotOf(ident));
      return;
    }
    this.finish(ident);
    this.set(ident, Field.Lifecycle, Lifecycle.Released);
  }

  /** A thread's exit code, kept after its slot is reused (Process.exitcode). */
  setExitCode(ident: number, code: number): void {
    if (this.holdsSlot(ident)) this.set(ident, Field.ExitCode, code);
    const base = Atomics.load(this.i32, this.control + Ctl.ExitCodes);
    if (base > 0 && ident > 0 && ident < EXIT_CODE_IDENTS) Atomics.store(this.i32, base + ident, code);
  }

  exitCode(ident: number): number {
    const base = Atomics.load(this.i32, this.control + Ctl.ExitCodes);
    return base > 0 && ident > 0 && ident < EXIT_CODE_IDENTS ? Atomics.load(this.i32, base + ident) : this.get(ident, Field.ExitCode);
  }

  /** Record what `ident` is about to block on; `kind` 0 clears it. */
  setWait(ident: number, kind: number, obj = 0, addr = 0, timed = false): void {
    // (Code an ended thread left running may still block: its ident no longer owns the slot, whose next thread's edge this would be.)
    if (!this.holdsSlot(ident)) return;
    this.set(ident, Field.WaitObj, obj);
    this.set(ident, Field.WaitAddr, addr);
    this.set(ident, Field.WaitTimed, timed ? 1 : 0);
    this.set(ident, Field.WaitKind, kind);
  }

  isAlive(ident: number): boolean {
    if (!(ident > 0) || !this.holdsSlot(ident)) return false;
    const state = this.get(ident, Field.Lifecycle);
    return state === Lifecycle.Starting || state === Lifecycle.Alive;
  }

  /** Blocks until `ident` finished; false on timeout. Workers only. */
  join(ident: number, timeoutMs = Infinity): boolean {
    const i = this.at(ident, Field.Lifecycle);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const state = Atomics.load(this.i32, i);
      if (!this.isAlive(ident)) return true;
      const leftMs = deadline - performance.now();
      if (leftMs <= 0) return false;
      Atomics.wait(this.i32, i, state, leftMs);
    }
  }

  /** Names `ident`'s thread, unless its slot has gone to another (slot-names.ts). */
  setName(ident: number, name: string): void {
    writeName(this, ident, name);
  }

  /** Changes whenever the slot's name is set (the drainer sends a renamed thread's new name). */
  nameStamp(slot: number): number {
    return Atomics.load(this.i32, this.slotAt(slot, NAME_WORD));
  }

  /** The name in `ident`'s slot, whoever holds it now, read whole as far as it can be (slot-names.ts). */
  name(ident: number): string {
    return this.slotName(this.slotOf(ident));
  }

  /** `ident`'s name, read whole: null if its slot went to another thread, or renames kept it changing, as it was read. */
  nameOf(ident: number): string | null {
    return readName(this, ident);
  }

  /** The name in a slot, read whole if it can be within a millisecond (the runner's and a new thread's read). */
  slotName(slot: number): string {
    return readSlotName(this, slot, NAME_READ_MS).name;
  }

  /** The name in a slot, read once, the name word it was read under, and whether it was whole (the drainer reads it again at its next pass if not). */
  slotNameRead(slot: number): { name: string; word: number; whole: boolean } {
    return readSlotName(this, slot, 0);
  }

  role(ident: number): ThreadRole {
    return ROLES[this.get(ident, Field.Role)] ?? "thread";
  }

  /** The ident of the main thread of the process `ident` belongs to. */
  processMain(ident: number): number {
    let at = ident;
    for (let hops = 0; at > 1 && hops < this.capacity && this.holdsSlot(at) && !startsProcess(this.role(at)); hops++) {
      at = this.get(at, Field.Parent);
    }
    return at;
  }

  aliveIdents(): number[] {
    return this.identsIn(Lifecycle.Starting, Lifecycle.Alive);
  }

  /** Threads whose slot is in one of `states`. */
  identsIn(...states: Lifecycle[]): number[] {
    const out: number[] = [];
    for (let slot = 0; slot < this.slotsUsed(); slot++) {
      const state = Atomics.load(this.i32, this.slotAt(slot, Field.Lifecycle));
      if (states.includes(state)) out.push(Atomics.load(this.i32, this.slotAt(slot, Field.Ident)));
    }
    return out;
  }
}
