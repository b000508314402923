// The memory of a controlled run's scheduler (API.md §10): one
// SharedArrayBuffer of its own, made by the runner when settings.controlled
// is on and read back by it at the end. The scheduler itself runs in the
// threads' workers (scheduler.ts): the thread that reaches a step decides
// who takes it, under the baton, so every word here is written by one
// thread at a time and read by the runner only after the run has ended.
// The runner still checks what it reads: the snippet can reach this
// buffer through the API's internals and write anything into it.
//
// Int32 words:
// Threads are known by their number (1 MainThread, then in the order they
// start; scheduler.ts says why not by ident).
//   0 TURN         number of the thread holding the baton (0: nobody, the run is over or paused)
//   1 STEPS        steps taken so far (one per decision)
//   2 PREEMPTIONS  switches away from a thread that could have gone on
//   3 RNG          the seeded generator's state (Math.random has its own, per thread)
//   4 POLICY       who takes a step once the prefix is used up (Policy)
//   5 PREFIX_LEN   steps to replay from PREFIX before POLICY decides
//   6 END          why the scheduler stopped (End)
//   7 LAST         the thread that took the last step
//   8 COUNT        threads numbered so far
//   9 CAPACITY     thread slots (numbers below it)
//  10 MAX_STEPS    steps a run may take (the length of CHOICES, ENABLED and PREFIX)
//  11 PCT_CHANGE_A, 12 PCT_CHANGE_B  steps at which PCT lowers the running thread's priority
//  13 LOW_PRIORITY the next lowered priority (counts down)
//  14 SEED
//  15 TABLE_CAPACITY  the thread table's slots (an ident's slot: thread-table.ts)
//  16 (Float64 index 8) the virtual clock, in whole µs
// Per thread slot (SLOT_WORDS from SLOTS + number * SLOT_WORDS):
//   STATUS, REF (what it is blocked on), PRIORITY, NEXT_KIND, NEXT_ARG,
//   TIMED_OUT, NEXT_POS (where in the compiled snippet: line * 4096 + column),
//   BATON (counts the times the baton was handed to it: it waits on this word
//   alone, so a hand-over wakes the one thread it goes to, not all of them)
// then CAPACITY Float64 deadlines (virtual µs), then MAX_STEPS words each of
// CHOICES (who took step i), ENABLED (bit k: ident k could have; bit 0:
// an ident over 31 could have), KINDS, ARGS and POSITIONS (what step i
// did, and where), and PREFIX (the schedule to replay); then NUMBER_BY_SLOT
// (TABLE_CAPACITY words: the number of the thread in each table slot) and
// IDENT_BY_NUMBER (CAPACITY words); last MAX_STEPS Float64 TIMES (the
// virtual clock at step i's decision, µs: when each thread became able to
// go on, which its own trace does not say, step mode draws from these).

export const enum W {
  Turn = 0, Steps = 1, Preemptions = 2, Rng = 3, Policy = 4, PrefixLen = 5, End = 6, Last = 7,
  Count = 8, Capacity = 9, MaxSteps = 10, PctChangeA = 11, PctChangeB = 12, LowPriority = 13, Seed = 14, TableCapacity = 15,
}
export const CLOCK_F64 = 8;
const SLOTS = 18;
export const SLOT_WORDS = 8;
export const enum S { Status = 0, Ref = 1, Priority = 2, NextKind = 3, NextArg = 4, TimedOut = 5, NextPos = 6, Baton = 7 }

export const enum Status { Absent = 0, Runnable = 1, Blocked = 2, TimedBlocked = 3, Sleeping = 4, Done = 5 }
export const enum Policy { Random = 0, Stay = 1, Pause = 2, Pct = 3 }
export const enum End { Running = 0, Finished = 1, Deadlock = 2, Paused = 3, Diverged = 4, TooLong = 5 }

export const MAX_STEPS = 200_000;
/** threads a controlled run may start, MainThread included */
export const MAX_CONTROLLED_THREADS = 1024;
export const CONTROL_CAPACITY = MAX_CONTROLLED_THREADS + 1;
/** PCT's lowered priorities start here, below every first priority */
export const PCT_LOW = 1000;

export interface ControlLayout {
  slots: number;
  deadlinesF64: number;
  choices: number;
  enabled: number;
  kinds: number;
  args: number;
  positions: number;
  prefix: number;
  numberBySlot: number;
  identByNumber: number;
  /** Float64 index of TIMES */
  timesF64: number;
  end: number;
}

export function layoutOf(capacity: number, maxSteps: number, tableCapacity = 0): ControlLayout {
  const slots = SLOTS;
  const deadlinesF64 = Math.ceil((slots + capacity * SLOT_WORDS) / 2);
  const choices = (deadlinesF64 + capacity) * 2;
  const timesF64 = Math.ceil((choices + 6 * maxSteps + tableCapacity + capacity) / 2);
  return {
    slots, deadlinesF64, choices, enabled: choices + maxSteps, kinds: choices + 2 * maxSteps,
    args: choices + 3 * maxSteps, positions: choices + 4 * maxSteps, prefix: choices + 5 * maxSteps,
    numberBySlot: choices + 6 * maxSteps, identByNumber: choices + 6 * maxSteps + tableCapacity,
    timesF64, end: (timesF64 + maxSteps) * 2,
  };
}

export interface ControlOptions {
  /** threads a run may number */
  capacity: number;
  /** the thread table's slots */
  tableCapacity: number;
  seed: number;
  policy: Policy;
  prefix: readonly number[];
  /** PCT: the steps a run is expected to take (where its change points fall) */
  pctSteps?: number;
}

/** The scheduler's memory, MainThread (ident 1) holding the baton. */
export function createControlMemory(options: ControlOptions): SharedArrayBuffer {
  const layout = layoutOf(options.capacity, MAX_STEPS, options.tableCapacity);
  // Whole Float64s: the scheduler views the same buffer as both.
  const buffer = new SharedArrayBuffer(Math.ceil(layout.end / 2) * 8);
  writeControlStart(new Int32Array(buffer), layout, options);
  return buffer;
}

/**
 * The same memory, made fresh in place for the next run of a search
 * (runner/docked-crew.ts: its workers hold this buffer). False when it is
 * not the size these options need. What a run reads is emptied: the
 * header, the threads' slots and deadlines, and the tables by slot and by
 * number; the steps' arrays (and their times) are read only below STEPS,
 * which starts at 0.
 */
export function resetControlMemory(buffer: SharedArrayBuffer, options: ControlOptions): boolean {
  const layout = layoutOf(options.capacity, MAX_STEPS, options.tableCapacity);
  if (buffer.byteLength !== Math.ceil(layout.end / 2) * 8) return false;
  const i32 = new Int32Array(buffer);
  i32.fill(0, 0, layout.choices);
  // (Not the step times after the tables: 1.6 MB, read only below STEPS.)
  i32.fill(0, layout.numberBySlot, layout.identByNumber + options.capacity);
  writeControlStart(i32, layout, options);
  return true;
}

function writeControlStart(i32: Int32Array, layout: ControlLayout, options: ControlOptions): void {
  const { capacity, tableCapacity, seed, policy, prefix } = options;
  i32[W.Turn] = 1;
  i32[W.TableCapacity] = tableCapacity;
  // MainThread is thread 1, runnable, its first step "begin".
  i32[W.Count] = 1;
  i32[layout.numberBySlot] = 1;
  i32[layout.identByNumber + 1] = 1;
  i32[layout.slots + SLOT_WORDS + S.Status] = Status.Runnable;
  i32[layout.slots + SLOT_WORDS + S.NextKind] = 1;
  i32[layout.slots + SLOT_WORDS + S.Priority] = PCT_LOW + 1 + ((seed >>> 1) % 1_000_000);
  i32[W.Rng] = seed | 0 || 0x2545f491;
  i32[W.Policy] = policy;
  i32[W.PrefixLen] = prefix.length;
  i32[W.Capacity] = capacity;
  i32[W.MaxSteps] = MAX_STEPS;
  i32[W.Seed] = seed | 0;
  i32[W.LowPriority] = PCT_LOW;
  i32.set(prefix, layout.prefix);
  // PCT with depth 3: two change points, uniform over the steps expected.
  const steps = Math.max(1, options.pctSteps ?? 1000);
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0);
  i32[W.PctChangeA] = next() % steps;
  i32[W.PctChangeB] = next() % steps;
}

export interface ControlOutcome {
  end: End;
  steps: number;
  preemptions: number;
  /** who took each step */
  choices: number[];
  /** each step's enabled set, as a bit mask (see the header) */
  enabled: number[];
  /** what each step did: its kind, argument and position (see the header) */
  kinds: number[];
  args: number[];
  positions: number[];
  /** the virtual clock at each step's decision, in ms */
  times: number[];
  virtualMs: number;
  /** each numbered thread's slot: for a paused run's StepView (`ident`: its ident in the thread table) */
  threads: { n: number; ident: number; status: Status; ref: number; nextKind: number; nextArg: number; nextPos: number; timedOut: boolean }[];
}

/** What the run's scheduler left, read defensively: every count is clamped to the buffer. */
export function readControlOutcome(buffer: SharedArrayBuffer, capacity: number, tableCapacity: number): ControlOutcome {
  const i32 = new Int32Array(buffer);
  const f64 = new Float64Array(buffer, 0, CLOCK_F64 + 1);
  // The layout as the runner made it (the words in the buffer could have been overwritten).
  const layout = layoutOf(capacity, MAX_STEPS, tableCapacity);
  const steps = Math.max(0, Math.min(i32[W.Steps], MAX_STEPS));
  const count = Math.max(0, Math.min(i32[W.Count], capacity - 1));
  const threads: ControlOutcome["threads"] = [];
  for (let n = 1; n <= count; n++) {
    const at = layout.slots + n * SLOT_WORDS;
    const status = i32[at + S.Status] as Status;
    if (status === Status.Absent) continue;
    threads.push({
      n, ident: i32[layout.identByNumber + n], status, ref: i32[at + S.Ref], nextKind: i32[at + S.NextKind], nextArg: i32[at + S.NextArg], nextPos: i32[at + S.NextPos],
      timedOut: i32[at + S.TimedOut] !== 0,
    });
  }
  const virtualMs = f64[CLOCK_F64];
  const times = new Float64Array(buffer, layout.timesF64 * 8, steps);
  return {
    end: i32[W.End] as End,
    steps,
    preemptions: Math.max(0, Math.min(i32[W.Preemptions], steps)),
    choices: Array.from(i32.subarray(layout.choices, layout.choices + steps)),
    enabled: Array.from(i32.subarray(layout.enabled, layout.enabled + steps)),
    kinds: Array.from(i32.subarray(layout.kinds, layout.kinds + steps)),
    args: Array.from(i32.subarray(layout.args, layout.args + steps)),
    positions: Array.from(i32.subarray(layout.positions, layout.positions + steps)),
    // (In ms, and never past the clock nor before the step before: the snippet could have written them.)
    times: clampedTimes(times, Number.isFinite(virtualMs) && virtualMs >= 0 ? virtualMs : 0),
    virtualMs: Number.isFinite(virtualMs) && virtualMs >= 0 ? virtualMs / 1000 : 0,
    threads,
  };
}

/** Step times in ms, each at least the one before and at most `lastUs` (the clock now). */
function clampedTimes(us: Float64Array, lastUs: number): number[] {
  const out = new Array<number>(us.length);
  let before = 0;
  for (let i = 0; i < us.length; i++) {
    const t = us[i];
    before = Number.isFinite(t) ? Math.min(Math.max(t, before), lastUs) : before;
    out[i] = before / 1000;
  }
  return out;
}
