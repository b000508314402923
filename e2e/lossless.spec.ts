// A timeline that never lies (issue: lossless traces, exact figures): the
// starter records every one of its ~1.2 M events, the lock's figures match
// what the snippet itself counted, and no lock hold is drawn past the end
// of the thread that held it.
import { starterSnippet } from "../src/examples/starter";
import { apiTest as test, expect, runSnippet, describeRun } from "./fixtures";

test("the starter: no event dropped, 600,000 acquisitions of lock, no hold past its holder's end", async ({ playground }) => {
  const result = await runSnippet(playground, starterSnippet, undefined, 120_000);
  const why = describeRun(result);
  expect(result.status, why).toBe("ok");
  expect(result.stats.droppedEvents, why).toBe(0);
  expect(result.stats.events, why).toBeGreaterThanOrEqual(1_200_000);
  const ends = Object.fromEntries(result.threads.map((t) => [t.name, t.endMs]));
  const locks = await playground.evaluate((ends) => {
    const debug = (window as unknown as { playground: { debug: { lockHolds(): { name: string; acquisitions: number; holds: { thread: string; endMs: number }[] }[] } } }).playground.debug;
    return debug.lockHolds().map((lock) => ({
      name: lock.name,
      acquisitions: lock.acquisitions,
      pastEnd: lock.holds.filter((h) => !(h.endMs <= (ends[h.thread] ?? Infinity) + 1e-6)).length,
      holds: lock.holds.length,
    }));
  }, ends);
  const lock = locks.find((l) => l.name === "lock");
  expect(lock, JSON.stringify(locks)).toBeDefined();
  // 3 threads x 200,000 lock.with() calls, as the snippet's own `with a lock: 600000 of 600000` says
  expect(lock!.acquisitions).toBe(600_000);
  expect(lock!.pastEnd).toBe(0);
});
