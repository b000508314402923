// A simulated CPython GIL (Python 3.2+'s "new GIL", Antoine Pitrou): one
// interpreter lock per process. A thread holds it while it runs code; it
// gives it up whenever it blocks, and — since code in a tight loop never
// blocks — a thread that has waited `switchInterval` asks the holder to drop
// it (CPython's gil_drop_request). The holder sees the request at its next
// eval-breaker check (the compiler puts one at every loop back-edge and
// function entry), drops the GIL and, as CPython's FORCE_SWITCHING does,
// waits until another thread has taken it before queueing for it again, so
// the same thread cannot grab it straight back.
//
// States of the lock word: those of mutex.ts (0 free, 1 held, 2 held with
// sleepers).
//
// Slots (Int32 word offsets from `base`):
//   0 lock      the mutex 2 word (mutex.ts)
//   1 holder    ident of the thread holding it, 0 when free
//   2 switches  bumped by every acquisition: a dropper waits for it to move
//   3 waiting   threads queued for it (a holder drops only if someone waits)
//   4 enabled   1 when this process runs with the GIL, 0 when free-threaded
//               (a run's setting, or a Process's own `gil` option)
//   5 last      ident of the thread that released it last
//   6 releasedAt when, in µs of the run's clock (wrapping Int32: only the
//               difference to the next take is read, so 35 minutes is plenty)

import { lockWordSlow, tryLockWord, unlockWord } from "./mutex";

const LOCK = 0;
const HOLDER = 1;
const SWITCHES = 2;
const WAITING = 3;
const ENABLED = 4;
const LAST = 5;
const RELEASED_AT = 6;

/** A hand-over: who had the GIL before, and how long it lay free in between. */
export interface GilHandover {
  from: number;
  latencyUs: number;
}

export class Gil {
  static readonly WORDS = 7;

  constructor(private readonly i32: Int32Array, private readonly base: number) {}

  /** Does this process run with the GIL? (Set once, before any of its threads starts.) */
  enabled(): boolean {
    return Atomics.load(this.i32, this.base + ENABLED) === 1;
  }

  setEnabled(enabled: boolean): void {
    Atomics.store(this.i32, this.base + ENABLED, enabled ? 1 : 0);
  }

  holder(): number {
    return Atomics.load(this.i32, this.base + HOLDER);
  }

  /**
   * Take the GIL for `ident`. While it waits, every `switchIntervalMs` it
   * calls `requestDrop(holder)` so the holder gives it up at its next check;
   * `onWait` runs once, just before it first waits. Returns the hand-over
   * when it had to wait for another thread, else null.
   */
  acquire(ident: number, nowUs: () => number, switchIntervalMs: () => number, requestDrop: (holder: number) => void, onWait?: () => void): GilHandover | null {
    const { i32, base } = this;
    let waited = false;
    if (!tryLockWord(i32, base + LOCK)) {
      waited = true;
      onWait?.();
      Atomics.add(i32, base + WAITING, 1);
      while (!lockWordSlow(i32, base + LOCK, Math.max(0.05, switchIntervalMs()))) {
        const holder = Atomics.load(i32, base + HOLDER);
        if (holder !== 0) requestDrop(holder);
      }
      Atomics.sub(i32, base + WAITING, 1);
    }
    Atomics.store(i32, base + HOLDER, ident);
    Atomics.add(i32, base + SWITCHES, 1);
    Atomics.notify(i32, base + SWITCHES);
    const last = Atomics.load(i32, base + LAST);
    if (!waited || last === 0 || last === ident) return null;
    const latencyUs = ((nowUs() | 0) - Atomics.load(i32, base + RELEASED_AT)) | 0;
    return { from: last, latencyUs: Math.max(0, latencyUs) };
  }

  release(ident: number, nowUs: number): void {
    Atomics.store(this.i32, this.base + LAST, ident);
    Atomics.store(this.i32, this.base + RELEASED_AT, nowUs | 0);
    Atomics.store(this.i32, this.base + HOLDER, 0);
    unlockWord(this.i32, this.base + LOCK);
  }

  /** Does another thread wait for the GIL? Only then is a drop worth it. */
  contended(): boolean {
    return Atomics.load(this.i32, this.base + WAITING) > 0;
  }

  /**
   * Drop the GIL on request and wait (at most `maxWaitMs`) until another
   * thread has taken it, before the caller queues for it again.
   */
  yieldTo(ident: number, nowUs: number, maxWaitMs: number): void {
    const { i32, base } = this;
    const switches = Atomics.load(i32, base + SWITCHES);
    this.release(ident, nowUs);
    const deadline = performance.now() + maxWaitMs;
    while (Atomics.load(i32, base + SWITCHES) === switches && Atomics.load(i32, base + WAITING) > 0) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      Atomics.wait(i32, base + SWITCHES, switches, left);
    }
  }
}
