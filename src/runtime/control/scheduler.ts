// The scheduler of a controlled run (API.md §10), as each thread's worker
// runs it. One thread executes at a time: the one whose number is in TURN,
// "the baton". A thread gives the baton up only at a step (an API call that
// can block or be seen, a read or write of shared memory, its start and its
// end): there it writes what its next step does into its slot and decides
// who takes that step, itself or another runnable thread; if another, it
// stores that thread's number in TURN, wakes the waiters on TURN and waits
// there itself until the baton comes back. Every decision is taken by the
// one thread that holds the baton, so the run is a function of the code,
// the seed and the prefix, whatever the machine's real timing.
//
// Who decides, in order: the prefix being replayed, then the run's policy
// (Random, Stay, Pct or Pause): policies.ts.
//
// Blocking never sleeps on the primitive's futex: a thread that would block
// is marked blocked on the object and gives the baton up; a release, set or
// end on that object (touched) makes it runnable again, and when chosen it
// tries again. Time is virtual (whole µs): each step takes one microsecond,
// the one after its decision (the clock moves on when the next step is
// decided, so the thread that took a step is drawn running through it, the
// last one before a pause too), and when no thread can run the clock jumps
// to the first sleeper's deadline.
// When nothing can run and nobody sleeps, the run is deadlocked.
//
// Threads are numbered by the scheduler, 1 for MainThread and then in the
// order they start, never by their idents: the thread table recycles slots
// when the drainer has read a finished thread's trace, which happens on the
// machine's own time, so idents would differ between replays of one schedule.

import { CLOCK_F64, End, layoutOf, PCT_LOW, S, SLOT_WORDS, Status, W, type ControlLayout } from "./control-memory";
import { StepKind, stepHasSite } from "./step-kinds";
import { snippetPosition } from "../snippet-position";
import { choose, nextRandom, NoChoice } from "./policies";

export { seededRandom } from "./policies";

/** virtual µs each step takes, so a timeline of steps spaces them evenly (the clock counts whole µs: no rounding drift) */
const STEP_US = 1;
/** longer sleeps (Infinity) never end: a sleeper that waits for nothing */
const MAX_SLEEP_MS = 1e12;

/** thrown through a primitive's core at the point it would sleep (door/blocking.ts catches it) */
export class WouldBlock {}

/** a thread ident's slot in the thread table (thread-table.ts: ident = generation * capacity + slot + 1) */
function slotOf(ident: number, tableCapacity: number): number {
  return (ident - 1) % tableCapacity;
}

export interface SchedulerHooks {
  /** the run's coarse clock (trace/ring.ts reads it for fast-path events): kept on virtual time */
  clock: Float64Array;
  clockIndex: number;
  /** shown while the thread waits for the baton, and when it has it again */
  waiting(): void;
  resumed(): void;
  /** the scheduler stopped the run (deadlock, pause, a schedule that does not fit, too many steps) */
  stopped(end: End): void;
  /** code this ended thread left running is about to stop for good here (its worker serves no more: see Scheduler.exited) */
  freezing(): void;
}

/** Blocks the calling worker for good (see Scheduler.exited): a word nobody else holds, so nothing wakes it but its termination. */
function freeze(hooks: SchedulerHooks): void {
  hooks.freezing();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

export class Scheduler {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly layout: ControlLayout;
  private readonly mine: number;
  /**
   * This thread has ended (exit): code it left running (a promise chain it
   * did not await) stops for good at its next step (freeze), as a coroutine
   * nobody awaits never runs in Python. It may not decide (the baton is
   * another thread's), and a wait answered at once would break the
   * primitive it waits on (a `with` that runs its body without the lock).
   */
  private exited = false;

  /** this thread's number in the run: 1 for MainThread, then 2, 3, ... in the order threads start */
  readonly n: number;

  /** `ident`: the thread's ident in the thread table, which the scheduler numbers on its own (see the header) */
  constructor(buffer: SharedArrayBuffer, ident: number, private readonly hooks: SchedulerHooks) {
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.layout = layoutOf(this.i32[W.Capacity], this.i32[W.MaxSteps], this.i32[W.TableCapacity]);
    this.n = ident === 1 ? 1 : this.i32[this.layout.numberBySlot + slotOf(ident, this.i32[W.TableCapacity])];
    this.mine = this.slot(this.n);
  }

  private slot(n: number): number {
    return this.layout.slots + n * SLOT_WORDS;
  }

  /** the run's seed (kept here, not in the worker's copy of the run: a docked worker serves the next run's seed) */
  get seed(): number {
    return this.i32[W.Seed];
  }

  /** virtual ms since the run began */
  now(): number {
    return this.f64[CLOCK_F64] / 1000;
  }

  /** Whether another thread may start: the scheduler numbers at most CAPACITY - 1 threads a run. */
  canRegister(): boolean {
    return this.i32[W.Count] + 1 < this.i32[W.Capacity];
  }

  /** Thread `ident` was just started by the baton's holder: numbered, runnable from now on, its first step "begin". */
  register(ident: number): void {
    const i32 = this.i32;
    if (!this.canRegister()) return;
    const n = i32[W.Count] + 1;
    i32[this.layout.numberBySlot + slotOf(ident, i32[W.TableCapacity])] = n;
    i32[this.layout.identByNumber + n] = ident;
    const at = this.slot(n);
    i32[at + S.Status] = Status.Runnable;
    i32[at + S.NextKind] = StepKind.Begin;
    i32[at + S.NextArg] = 0;
    i32[at + S.NextPos] = 0;
    i32[at + S.Priority] = PCT_LOW + 1 + (nextRandom(i32) % 1_000_000);
    i32[W.Count] = n;
  }

  /** The thread's worker has arrived: wait for its first step to be chosen. */
  arrive(): void {
    this.waitTurn();
  }

  /** A step: `kind` with `arg` (an access site or an object ref) is what this thread does next. */
  step(kind: StepKind, arg: number): void {
    if (this.exited) freeze(this.hooks);
    const at = this.mine;
    this.i32[at + S.NextKind] = kind;
    this.i32[at + S.NextArg] = arg;
    // A read or write knows its line from its access site; an API call finds it on the stack (only controlled runs pay).
    this.i32[at + S.NextPos] = stepHasSite(kind) ? 0 : snippetPosition(new Error().stack);
    this.pass();
  }

  /**
   * The thread would block on object `ref` until `deadlineMs` (virtual;
   * Infinity: forever). Returns true when it should try again (the object
   * was touched), false when the deadline came first.
   */
  blockOn(ref: number, deadlineMs: number): boolean {
    if (this.exited) freeze(this.hooks);
    const i32 = this.i32, at = this.mine;
    i32[at + S.Ref] = ref;
    i32[at + S.TimedOut] = 0;
    this.f64[this.layout.deadlinesF64 + this.n] = Math.ceil(deadlineMs * 1000);
    i32[at + S.Status] = deadlineMs === Infinity ? Status.Blocked : Status.TimedBlocked;
    this.pass();
    return i32[at + S.TimedOut] === 0;
  }

  sleep(ms: number): void {
    if (this.exited) freeze(this.hooks);
    // Forever is a wait nothing ends: if every thread does it, that is a deadlock, not an endless clock.
    if (!(ms <= MAX_SLEEP_MS)) {
      this.blockOn(0, Infinity);
      return;
    }
    this.i32[this.mine + S.NextKind] = StepKind.Sleep;
    this.i32[this.mine + S.NextArg] = 0;
    this.i32[this.mine + S.NextPos] = snippetPosition(new Error().stack);
    this.f64[this.layout.deadlinesF64 + this.n] = this.f64[CLOCK_F64] + Math.ceil(ms * 1000);
    this.i32[this.mine + S.Status] = Status.Sleeping;
    this.pass();
  }

  /** Object `ref` was released, set or ended: the threads blocked on it may try again. */
  touched(ref: number): void {
    const i32 = this.i32;
    for (let n = 1; n <= i32[W.Count]; n++) {
      const at = this.slot(n);
      const status = i32[at + S.Status];
      if ((status === Status.Blocked || status === Status.TimedBlocked) && i32[at + S.Ref] === ref) i32[at + S.Status] = Status.Runnable;
    }
  }

  /** This thread has ended (after `touched` on its own ref). MainThread's end ends the run: nobody runs after it. */
  exit(): void {
    if (this.exited) return;
    this.exited = true;
    const i32 = this.i32;
    i32[this.mine + S.Status] = Status.Done;
    i32[this.mine + S.NextKind] = StepKind.End;
    if (this.n === 1) {
      if (i32[W.End] === End.Running) i32[W.End] = End.Finished;
      this.handTo(0);
      return;
    }
    const next = this.decide();
    if (next > 0) this.handTo(next);
  }

  /** Decide who takes the next step; hand the baton over and wait for it if not this thread. */
  private pass(): void {
    const next = this.decide();
    if (next === this.n) return;
    // Stamped before the baton goes: once it is handed over, the next thread's decision may move the clock first.
    this.hooks.waiting();
    if (next > 0) this.handTo(next);
    this.waitTurn();
    this.hooks.resumed();
  }

  /** The baton to thread `n`, woken at its own word (0: to nobody, the run is over). */
  private handTo(n: number): void {
    Atomics.store(this.i32, W.Turn, n);
    if (!(n > 0 && n < this.i32[W.Capacity])) return;
    const baton = this.slot(n) + S.Baton;
    Atomics.add(this.i32, baton, 1);
    Atomics.notify(this.i32, baton, 1);
  }

  private waitTurn(): void {
    const baton = this.mine + S.Baton;
    for (;;) {
      // (Read before the turn: a hand-over between the two changes it, and the wait returns at once.)
      const handed = Atomics.load(this.i32, baton);
      if (Atomics.load(this.i32, W.Turn) === this.n) return;
      Atomics.wait(this.i32, baton, handed);
    }
  }

  /** The thread that takes the next step, recorded; 0 when the scheduler stopped the run. */
  private decide(): number {
    const i32 = this.i32;
    // The step taken since the last decision is over: its microsecond has passed.
    if (i32[W.Steps] > 0) this.tick();
    let mask = this.enabledMask();
    if (mask.count === 0) {
      this.advanceClock();
      mask = this.enabledMask();
      if (mask.count === 0) {
        if (this.anyoneWaiting()) this.stop(End.Deadlock);
        return 0;
      }
    }
    const steps = i32[W.Steps];
    if (steps >= i32[W.MaxSteps]) return this.stop(End.TooLong);
    const chosen = choose(i32, this.layout, (n) => this.slot(n), steps, mask.numbers);
    if (chosen === NoChoice.Diverged) return this.stop(End.Diverged);
    if (chosen === NoChoice.Paused) return this.stop(End.Paused);
    const last = i32[W.Last];
    if (last !== 0 && chosen !== last && mask.numbers.includes(last)) i32[W.Preemptions]++;
    const { layout } = this;
    const at = this.slot(chosen);
    i32[layout.choices + steps] = chosen;
    i32[layout.enabled + steps] = mask.bits;
    i32[layout.kinds + steps] = i32[at + S.NextKind];
    i32[layout.args + steps] = i32[at + S.NextArg];
    i32[layout.positions + steps] = i32[at + S.NextPos];
    this.f64[layout.timesF64 + steps] = this.f64[CLOCK_F64];
    i32[W.Steps] = steps + 1;
    i32[W.Last] = chosen;
    return chosen;
  }

  private tick(): void {
    const us = (this.f64[CLOCK_F64] += STEP_US);
    this.hooks.clock[this.hooks.clockIndex] = us / 1000;
  }

  private enabledMask(): { count: number; bits: number; numbers: number[] } {
    const i32 = this.i32;
    const numbers: number[] = [];
    let bits = 0;
    for (let n = 1; n <= i32[W.Count]; n++) {
      if (i32[this.slot(n) + S.Status] !== Status.Runnable) continue;
      numbers.push(n);
      bits |= n < 32 ? 1 << n : 1;
    }
    return { count: numbers.length, bits, numbers };
  }

  /** Nothing can run: the clock jumps to the first deadline, and whoever it ends for runs again. */
  private advanceClock(): void {
    const i32 = this.i32, f64 = this.f64;
    let first = Infinity;
    for (let n = 1; n <= i32[W.Count]; n++) {
      const status = i32[this.slot(n) + S.Status];
      if (status === Status.Sleeping || status === Status.TimedBlocked) first = Math.min(first, f64[this.layout.deadlinesF64 + n]);
    }
    if (first === Infinity) return;
    if (first > f64[CLOCK_F64]) f64[CLOCK_F64] = first;
    this.hooks.clock[this.hooks.clockIndex] = f64[CLOCK_F64] / 1000;
    for (let n = 1; n <= i32[W.Count]; n++) {
      const at = this.slot(n);
      const status = i32[at + S.Status];
      if ((status === Status.Sleeping || status === Status.TimedBlocked) && f64[this.layout.deadlinesF64 + n] <= first) {
        if (status === Status.TimedBlocked) i32[at + S.TimedOut] = 1;
        i32[at + S.Status] = Status.Runnable;
      }
    }
  }

  private anyoneWaiting(): boolean {
    for (let n = 1; n <= this.i32[W.Count]; n++) {
      if (this.i32[this.slot(n) + S.Status] === Status.Blocked) return true;
    }
    return false;
  }

  private stop(end: End): 0 {
    this.i32[W.End] = end;
    Atomics.store(this.i32, W.Turn, 0);
    this.hooks.stopped(end);
    return 0;
  }
}
