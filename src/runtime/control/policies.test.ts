// The policies a controlled run's scheduler asks (policies.ts), over real
// control memory as the runner lays it out.
import { describe, expect, it } from "vitest";
import { layoutOf, Policy, S, SLOT_WORDS, W } from "./control-memory";
import { choose, NoChoice, nextRandom, seededRandom } from "./policies";

function memory(policy: Policy, prefix: number[] = []) {
  const layout = layoutOf(8, 64);
  const i32 = new Int32Array(new SharedArrayBuffer(layout.end * 4));
  i32[W.Policy] = policy;
  i32[W.Rng] = 12345;
  i32[W.PrefixLen] = prefix.length;
  prefix.forEach((n, i) => (i32[layout.prefix + i] = n));
  const slot = (n: number) => layout.slots + n * SLOT_WORDS;
  return { i32, layout, slot, pick: (steps: number, enabled: number[]) => choose(i32, layout, slot, steps, enabled) };
}

describe("choose", () => {
  it("replays the prefix first, and says the run diverged when it names a thread that cannot go", () => {
    const { pick } = memory(Policy.Stay, [2, 1]);
    expect(pick(0, [1, 2])).toBe(2);
    expect(pick(1, [2])).toBe(NoChoice.Diverged);
  });

  it("Stay keeps the last thread while it can go, else takes the first; Pause stops", () => {
    const stay = memory(Policy.Stay);
    stay.i32[W.Last] = 3;
    expect(stay.pick(0, [1, 3])).toBe(3);
    expect(stay.pick(0, [1, 2])).toBe(1);
    expect(memory(Policy.Pause).pick(0, [1])).toBe(NoChoice.Paused);
  });

  it("Pct runs the highest priority, and at a change point drops it below all", () => {
    const pct = memory(Policy.Pct);
    pct.i32[pct.slot(1) + S.Priority] = 2000;
    pct.i32[pct.slot(2) + S.Priority] = 3000;
    pct.i32[W.LowPriority] = 1000;
    pct.i32[W.PctChangeA] = 1;
    pct.i32[W.PctChangeB] = -1;
    expect(pct.pick(0, [1, 2])).toBe(2);
    expect(pct.pick(1, [1, 2])).toBe(2);
    expect(pct.i32[pct.slot(2) + S.Priority]).toBe(999);
    expect(pct.pick(2, [1, 2])).toBe(1);
  });

  it("Random is a function of the state word: the same seed, the same walk", () => {
    const walk = () => {
      const r = memory(Policy.Random);
      return Array.from({ length: 20 }, (_, i) => r.pick(i, [1, 2, 3]));
    };
    expect(walk()).toEqual(walk());
    expect(new Set(walk()).size).toBe(3);
    const { i32 } = memory(Policy.Random);
    expect(nextRandom(i32)).not.toBe(nextRandom(i32));
  });

  it("seededRandom gives each thread of a seed its own replayable sequence", () => {
    const a = seededRandom(7, 1), again = seededRandom(7, 1), b = seededRandom(7, 2);
    const xs = [a(), a(), a()];
    expect([again(), again(), again()]).toEqual(xs);
    expect(b()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
