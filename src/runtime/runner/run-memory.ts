// A run's shared memory, laid out by the runner before any worker starts:
//   - the runtime heap: control block, thread table, rings, the primitives'
//     words. Only the runtime's own code is meant to touch it (the snippet
//     can still reach it through the API's internals; what the runner reads
//     from it is checked, see drainer/ and deadlock-scan.ts).
//   - the user heap: the snippet's shared globals, Thread fields,
//     sharedArray() and Value. `sharedArray(...).buffer` is this buffer, so a
//     snippet that writes all over it changes only its own data.
//   - the control buffer: one eval-breaker word per thread slot.
// Both heaps cost only what is touched (the browser commits a
// SharedArrayBuffer's pages lazily), but each counts in full against the
// frame process's cap on shared memory (16 GiB in Chromium), and a run's
// buffers are freed only once every worker that held them has been torn
// down, which takes a while for a worker terminated inside Atomics.wait.
// So runs that follow each other quickly could exhaust the cap with
// buffers that are already garbage: the heaps are sized for what a lesson
// needs, and a run that finds the cap reached waits for the previous runs'
// buffers to go (allocateHeaps) rather than failing.

import { createRaceMemory } from "../race/race-memory";
import { CONTROL_CAPACITY, createControlMemory, MAX_STEPS, Policy, resetControlMemory } from "../control/control-memory";
import { decodeSchedule } from "../control/schedule-codec";
import type { ControlPlan } from "../types";
import { SharedHeap } from "../../sync/heap";
import { BLOCK_HEADER_WORDS } from "../../sync/blocks";
import { Gil } from "../../sync/gil";
import { CONTROL_WORDS, Ctl, ENTRY_WORDS, MAIN_PID, ThreadTable } from "../thread-table";
import { provisionThread } from "../provision";
import type { RunContextInit } from "../protocol";
import type { ResolvedSettings } from "../settings";
import { epochNow } from "./worker-time";

/** Largest first; a device that refuses one size gets the next. */
const HEAP_SIZES = [256 << 20, 64 << 20];
const USER_HEAP_SIZES = [256 << 20, 64 << 20];
/** how long a run waits for earlier runs' buffers to be freed before it gives up with MemoryError */
const ALLOCATE_PATIENCE_MS = 5000;
const ALLOCATE_RETRY_MS = 50;
/** slots beyond maxThreads, for threads that ended and are not recycled yet */
const SPARE_SLOTS = 64;
/** dock places beyond the table's slots: the parked workers (crew.ts keeps a few) and retired places */
const SPARE_PLACES = 16;

export interface RunHeaps {
  heap: SharedHeap;
  userHeap: SharedHeap;
}

/** Both heaps of a run; waits (up to ALLOCATE_PATIENCE_MS) while earlier runs' buffers are still being freed. */
export async function allocateHeaps(heapBytes?: number): Promise<RunHeaps> {
  const deadline = performance.now() + ALLOCATE_PATIENCE_MS;
  for (;;) {
    try {
      const heap = createHeap(heapBytes ? [heapBytes] : HEAP_SIZES);
      return { heap, userHeap: createHeap(heapBytes ? [heapBytes] : USER_HEAP_SIZES) };
    } catch (error) {
      if (!(error instanceof RangeError) || performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, ALLOCATE_RETRY_MS));
    }
  }
}

function createHeap(sizes: number[]): SharedHeap {
  let last: unknown;
  for (const size of sizes) {
    try {
      return SharedHeap.create(size);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

export interface RunMemory {
  heap: SharedHeap;
  userHeap: SharedHeap;
  ctl: SharedArrayBuffer;
  table: ThreadTable;
  context: RunContextInit;
  /** MainThread's ident (always 1) */
  main: number;
  /** heap words below this hold the control block and the table: no ring may lie there */
  tableEndWord: number;
  /** places in the dock (runtime/dock.ts): one per worker the run may have */
  dockPlaces: number;
  /** word index of place 0, as the runner laid it out (the control word holding it is the snippet's to overwrite) */
  dockBase: number;
  /** the thread table's slots */
  capacity: number;
}

/** Lays the run out in `heaps` (allocateHeaps, or heaps of a test's size). */
const POLICIES = { random: Policy.Random, stay: Policy.Stay, pause: Policy.Pause, pct: Policy.Pct } as const;

/** A controlled run's scheduler memory: its seed, the schedule to replay, and what decides after it (in `reuse`, made fresh in place). */
function controlMemory(settings: ResolvedSettings, tableCapacity: number, plan: ControlPlan | undefined, reuse?: SharedArrayBuffer): SharedArrayBuffer {
  const decoded = settings.schedule === undefined ? { ok: true as const, choices: [] } : decodeSchedule(settings.schedule, MAX_STEPS);
  if (!decoded.ok) throw new Error(`setting schedule: ${decoded.error}`);
  const options = {
    capacity: CONTROL_CAPACITY, tableCapacity, seed: settings.seed ?? 0, prefix: decoded.choices,
    policy: POLICIES[plan?.policy ?? "random"], pctSteps: plan?.pctSteps,
  };
  if (reuse && resetControlMemory(reuse, options)) return reuse;
  return createControlMemory(options);
}

/**
 * What a run's docked workers hold of the run before (runner/docked-crew.ts):
 * the next run lays itself out in the same heaps and these same buffers, so
 * that the copy of the run each worker was given stays true. Its clock
 * keeps the first run's epoch.
 */
export interface KeptBuffers {
  ctl: SharedArrayBuffer;
  control?: SharedArrayBuffer;
  epochMs: number;
  /** where the run before laid its control block (the next run's must be the same: docked-crew.ts restore checks) */
  controlIndex: number;
}

export function createRunMemory(runId: number, js: string, settings: ResolvedSettings, sharedGlobals: number, heaps: RunHeaps, plan?: ControlPlan, kept?: KeptBuffers): RunMemory {
  const { heap, userHeap } = heaps;
  const capacity = settings.maxThreads + SPARE_SLOTS;
  const control = heap.alloc(CONTROL_WORDS + capacity * ENTRY_WORDS, 2);
  const ctl = kept?.ctl.byteLength === capacity * 4 ? kept.ctl : new SharedArrayBuffer(capacity * 4);
  if (ctl === kept?.ctl) new Int32Array(ctl).fill(0);
  const table = ThreadTable.init(heap.i32, control, control + CONTROL_WORDS, capacity, settings.maxThreads + 1);
  // (The table of exit codes by ident, 4 MB, is made by the first process's start: door/threads.ts.)
  Atomics.store(heap.i32, control + Ctl.Blocks, heap.alloc(BLOCK_HEADER_WORDS, 2));
  const dockPlaces = capacity + SPARE_PLACES;
  const dockBase = heap.alloc(dockPlaces);
  Atomics.store(heap.i32, control + Ctl.Dock, dockBase);
  Atomics.store(heap.i32, control + Ctl.DockPlaces, dockPlaces);
  const context: RunContextInit = {
    runId, js, controlIndex: control, epochMs: kept?.epochMs ?? epochNow(),
    heap: heap.buffer, userHeap: userHeap.buffer, ctl,
    ...(settings.raceDetector ? { race: createRaceMemory() } : {}),
    ...(settings.controlled ? { control: controlMemory(settings, capacity, plan, kept?.control), seed: settings.seed ?? 0 } : {}),
    ...(settings.controlled && plan?.undrawn ? { undrawn: true } : {}),
  };
  const main = table.reserve("MainThread", "main", false, MAIN_PID, 0);
  const gilBase = heap.alloc(Gil.WORDS);
  // A controlled run lets one thread execute at a time already: the GIL would only add waits.
  new Gil(heap.i32, gilBase).setEnabled(settings.gil && !settings.controlled);
  const globalsCount = Math.max(1, sharedGlobals);
  provisionThread(heap, table, main, { gilBase, globalsOffset: userHeap.allocFloat64(globalsCount), globalsCount });
  table.publish(main);
  Atomics.store(heap.i32, control + Ctl.SwitchIntervalUs, Math.max(1, Math.round(settings.switchIntervalMs * 1000)));
  return { heap, userHeap, ctl, table, context, main, tableEndWord: control + CONTROL_WORDS + capacity * ENTRY_WORDS, dockPlaces, dockBase, capacity };
}
