// Not a test: ns per uncontended acquire+release pair, one thread, for the
// bare mutex (the baseline) against the Lock and RLock cores. The goal is
// Lock under 2x the mutex. Run: npx tsx src/sync/lock-bench.ts
// Each figure is the median of 9 rounds of 5M pairs, after a warm-up that
// lets V8 optimise every loop; a sink read keeps the loops from being elided.

import { Lock } from "./lock";
import { Mutex } from "./mutex";
import { RLock } from "./rlock";

const PAIRS = 5_000_000;
const ROUNDS = 9;
const i32 = new Int32Array(new SharedArrayBuffer(64));
const mutex = new Mutex(i32, 0);
const lock = new Lock(i32, 2);
const rlock = new RLock(i32, 4);
const IDENT = 7;

const cases: Record<string, (n: number) => void> = {
  "Mutex lock+unlock": (n) => {
    for (let k = 0; k < n; k++) {
      mutex.lock();
      mutex.unlock();
    }
  },
  "Lock acquire+release": (n) => {
    for (let k = 0; k < n; k++) {
      lock.acquire(IDENT);
      lock.release(IDENT);
    }
  },
  "Lock tryAcquire+release": (n) => {
    for (let k = 0; k < n; k++) {
      lock.tryAcquire(IDENT);
      lock.release(IDENT);
    }
  },
  "RLock acquire+release": (n) => {
    for (let k = 0; k < n; k++) {
      rlock.acquire(IDENT);
      rlock.release(IDENT);
    }
  },
};

// Rounds alternate between the cases, so a burst of load elsewhere on the
// machine hits them all alike instead of skewing one.
function measure(): [name: string, nsPerPair: number][] {
  const samples = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of Object.entries(cases)) {
      const t0 = performance.now();
      run(PAIRS);
      samples.get(name)!.push(((performance.now() - t0) * 1e6) / PAIRS);
    }
  }
  return [...samples].map(([name, ns]) => [name, ns.sort((x, y) => x - y)[ROUNDS >> 1]]);
}

for (const run of Object.values(cases)) run(PAIRS); // warm-up
const results = measure();
const base = results[0][1];
for (const [name, ns] of results) {
  console.log(`${name.padEnd(26)} ${ns.toFixed(1).padStart(6)} ns/pair  ${(ns / base).toFixed(2)}x`);
}
if (i32[0] !== 0 || i32[2] !== 0 || i32[4] !== 0) throw new Error("a lock was left held");
