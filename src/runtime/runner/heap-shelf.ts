// A controlled run's heaps, kept for the next run of the same code (a
// search's next schedule), so that a search does not take two fresh 256 MB
// buffers per schedule. Fresh buffers cost little to make, but every one
// counts against the frame's cap on shared memory until each worker that
// held it has collected it, and a worker that serves many runs seldom
// collects: without reuse, a worker could serve only a dozen runs before it
// had to be replaced (runner/worker-pool.ts), and a replacement's boot cost
// more than a schedule.
//
// Heaps go back on the shelf only when nothing of their run can touch them
// again, as far as the runtime can tell: every worker of the run said it was
// clean and idle (runtime/worker-hygiene.ts: no async source it wraps was
// called, though a host API it does not wrap may still call back), none was terminated
// (terminate() returns before the worker has stopped), and the drainer read
// the last of them. They are reused only by the next run of the same code,
// which sees them as fresh: each heap is emptied as recycled, so every
// allocation of the next run is zeroed before it is handed out
// (sync/heap.ts), wherever the last run wrote.
//
// Only what no allocation hands out keeps the last run's words: the user
// heap past what the next run allocates (a snippet reaches it through
// sharedArray().buffer) and trace rings' bodies (read only once written).
// A snippet that reads the first carries state from one schedule into the
// next, as a changed builtin would, and so does a callback of a host API
// the check does not wrap that writes into memory a later schedule holds
// (which the snippet's own code in that schedule could write as well; the
// runner checks what it reads from a heap): the search replays what it
// reports on fresh workers and memory (session/explore.ts).
//
// Only a search's schedules (plan.reuse) take shelved heaps; a run the page
// draws never does.
//
// States: up to SHELF_SIZE runs' heaps of one code, each with the promise of
// its workers' verdict (then the verdict). A run that is not controlled, or
// a schedule of other code, empties the shelf; so does KEEP_MS without one.

import { HEAP_HEADER_WORDS, initHeap } from "../../sync/heap";
import type { RunHeaps } from "./run-memory";

/** how long the next run waits for a run's workers' verdict before it takes fresh memory */
const VERDICT_WAIT_MS = 100;
/** heaps no run took within this are let go (the same time the worker pool keeps a worker) */
const KEEP_MS = 3000;
/**
 * Runs' heaps kept at once: two, so that a run need not wait for the last
 * run's workers to check themselves (a few ms each, runtime/worker-hygiene
 * .ts): it takes the heaps of the run before, whose workers have long said
 * they are clean, and the check runs beside it (the worker pool likewise
 * gives it the workers kept longest).
 */
const SHELF_SIZE = 2;

interface Shelved {
  code: string;
  heaps: RunHeaps;
  /** true once nothing of the run can touch the heaps again */
  reusable: Promise<boolean>;
  /** the verdict, once given */
  verdict?: boolean;
}

/** Empties a run's heaps for the next run of its code; false if a heap's header was written over (then they are not to be used). */
export function recycleHeaps(heaps: RunHeaps): boolean {
  const both = [heaps.heap, heaps.userHeap];
  // (The header is in reach of the snippet too: a used count no allocator could leave says the heap was written over.)
  if (!both.every((h) => h.usedWords() >= HEAP_HEADER_WORDS && h.usedWords() <= h.capacityWords)) return false;
  for (const heap of both) initHeap(heap.i32, true);
  return true;
}

export class HeapShelf {
  private entries: Shelved[] = [];
  private expiry: ReturnType<typeof setTimeout> | undefined;
  /** runs that got shelved heaps (the tests check that a search reuses them) */
  reused = 0;

  put(code: string, heaps: RunHeaps, reusable: Promise<boolean>): void {
    const entry: Shelved = { code, heaps, reusable };
    void reusable.then((verdict) => (entry.verdict = verdict));
    this.entries = [...this.entries.filter((e) => e.code === code), entry].slice(-SHELF_SIZE);
    clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.clear(), KEEP_MS);
  }

  /**
   * Heaps for a run of `code`, emptied: a shelved run's whose workers said
   * they are clean, or, while the shelf is not full, null (allocate fresh);
   * a full shelf's oldest entry, once its verdict comes, if it is clean.
   */
  async take(code: string): Promise<RunHeaps | null> {
    this.entries = this.entries.filter((e) => e.code === code && e.verdict !== false);
    let entry = this.entries.find((e) => e.verdict === true);
    if (!entry && this.entries.length >= SHELF_SIZE) {
      entry = this.entries[0];
      const verdict = await Promise.race([entry.reusable, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), VERDICT_WAIT_MS))]);
      if (!verdict) entry = undefined;
    }
    if (!entry || !this.entries.includes(entry)) return null;
    this.entries = this.entries.filter((e) => e !== entry);
    if (!recycleHeaps(entry.heaps)) return null;
    this.reused++;
    return entry.heaps;
  }

  clear(): void {
    this.entries = [];
    clearTimeout(this.expiry);
  }
}
