// Who takes a controlled run's next step (scheduler.ts asks, with the baton
// held, so only one thread ever decides). In order: the prefix being
// replayed (a schedule, or step mode's steps so far: a thread it names that
// cannot run now means the program no longer takes that path); then the
// run's policy:
//   Random  a seeded walk: xorshift32 on the control memory's own state
//           word, so a run is a function of its seed and its choices;
//   Stay    the last thread goes on while it can (no preemption: the
//           explorer's default, preemptions added by its search);
//   Pct     probabilistic concurrency testing (Burckhardt et al., ASPLOS
//           2010): random priorities, the highest runnable goes, and at two
//           change points the running thread's priority drops below all;
//   Pause   stop here: step mode shows this moment.
//
// Words (control-memory.ts): W.PrefixLen and the prefix list, W.Policy,
// W.Last, W.Rng, W.PctChangeA/B, W.LowPriority, and each thread's
// S.Priority in its slot.

import { Policy, S, W, type ControlLayout } from "./control-memory";

/** choose(): the prefix names a thread that cannot take this step, or the policy is to pause: the run stops */
export const enum NoChoice { Diverged = -1, Paused = -2 }

/** The thread, of the runnable `enabled`, that takes step `steps`, or why none does. `slot(n)`: thread n's slot. */
export function choose(i32: Int32Array, layout: ControlLayout, slot: (n: number) => number, steps: number, enabled: number[]): number {
  if (steps < i32[W.PrefixLen]) {
    const wanted = i32[layout.prefix + steps];
    return enabled.includes(wanted) ? wanted : NoChoice.Diverged;
  }
  switch (i32[W.Policy]) {
    case Policy.Pause:
      return NoChoice.Paused;
    case Policy.Stay: {
      const last = i32[W.Last];
      return enabled.includes(last) ? last : enabled[0];
    }
    case Policy.Pct: {
      let best = enabled[0];
      for (const n of enabled) if (i32[slot(n) + S.Priority] > i32[slot(best) + S.Priority]) best = n;
      if (steps === i32[W.PctChangeA] || steps === i32[W.PctChangeB]) i32[slot(best) + S.Priority] = --i32[W.LowPriority];
      return best;
    }
    default:
      return enabled[nextRandom(i32) % enabled.length];
  }
}

/** xorshift32 on the shared state: the scheduler's own random draws (choices, PCT priorities), in the order they are made */
export function nextRandom(i32: Int32Array): number {
  let x = i32[W.Rng] || 0x2545f491;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  i32[W.Rng] = x;
  return x >>> 0;
}

/** A seeded Math.random for one thread of a controlled run (mulberry32), so "random" programs replay too. */
export function seededRandom(seed: number, n: number): () => number {
  let state = (seed ^ Math.imul(n, 0x9e3779b9)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
