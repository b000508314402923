// Deadlock detection (issue: the whole concurrency API): a cycle of waits ends
// the run as "deadlock" within about a second, names the cycle, and explains
// it in one line; so does a run where every thread waits forever.
import { apiTest as test, expect, runSnippet, describeRun } from "./fixtures";

test("two threads taking two locks in opposite order deadlock, and the cycle is named as the snippet names the locks", async ({ playground }) => {
  // Scenario (the seed's lock-order deadlock): Thread-1 holds lockA and
  // wants lockB, Thread-2 holds lockB and wants lockA; a Barrier makes sure
  // each holds its first lock before either asks for its second.
  const result = await runSnippet(playground, `
    import { Thread, Lock, Barrier } from "playground";
    const lockA = new Lock(), lockB = new Lock();
    const both = new Barrier(2);
    const t1 = new Thread({ target: () => lockA.with(() => { both.wait(); lockB.with(() => {}); }) });
    const t2 = new Thread({ target: () => lockB.with(() => { both.wait(); lockA.with(() => {}); }) });
    t1.start(); t2.start(); t1.join(); t2.join();
  `, undefined, 20_000);
  expect(result.status, describeRun(result)).toBe("deadlock");
  const cycle = result.deadlock!.cycle;
  expect(cycle.map((c) => c.thread).sort()).toEqual(["Thread-1", "Thread-2"]);
  for (const edge of cycle) {
    expect(edge.heldBy).toBe(edge.thread === "Thread-1" ? "Thread-2" : "Thread-1");
    expect(edge.waitsFor).toBe(edge.thread === "Thread-1" ? "lockB" : "lockA");
  }
  expect(result.output.at(-1)!.text).toMatch(/^Deadlock: Thread-\d waits for lock[AB] held by Thread-\d, and/);
});

test("a lock-order cycle is found while MainThread keeps polling (issue 10, item 5)", async ({ playground }) => {
  // Scenario: the same cycle, but MainThread does not join: it polls
  // isAlive() in a sleep loop, recording events all the time. The cycle is
  // a deadlock whatever other threads do.
  const result = await runSnippet(playground, `
    import { Thread, Lock, Barrier, sleep } from "playground";
    const lockA = new Lock(), lockB = new Lock();
    const both = new Barrier(2);
    const t1 = new Thread({ target: () => lockA.with(() => { both.wait(); lockB.with(() => {}); }) });
    const t2 = new Thread({ target: () => lockB.with(() => { both.wait(); lockA.with(() => {}); }) });
    t1.start(); t2.start();
    while (t1.isAlive() || t2.isAlive()) sleep(200);
  `, undefined, 20_000);
  expect(result.status, describeRun(result)).toBe("deadlock");
  expect(result.deadlock!.cycle.map((c) => c.thread).sort()).toEqual(["Thread-1", "Thread-2"]);
});

test("a thread joining a thread that waits for a lock the joiner holds is a deadlock", async ({ playground }) => {
  // Scenario: MainThread holds a lock and joins a thread that needs it.
  const result = await runSnippet(playground, `
    import { Thread, Lock } from "playground";
    const lock = new Lock();
    lock.acquire();
    const t = new Thread({ target: () => lock.with(() => {}) });
    t.start(); t.join();
  `, undefined, 20_000);
  expect(result.status, describeRun(result)).toBe("deadlock");
  expect(result.output.at(-1)!.text).toContain("MainThread waits for Thread-1 to finish");
});

test("timed waits are not deadlocks", async ({ playground }) => {
  // Scenario: the same lock-order pattern, but the second acquire has a
  // timeout: both give up and the run ends ok.
  const result = await runSnippet(playground, `
    import { Thread, Lock, Barrier, print } from "playground";
    const a = new Lock(), b = new Lock();
    const both = new Barrier(2);
    const t1 = new Thread({ target: () => a.with(() => { both.wait(); print("t1", b.acquire(true, 800)); }) });
    const t2 = new Thread({ target: () => b.with(() => { both.wait(); print("t2", a.acquire(true, 800)); }) });
    t1.start(); t2.start(); t1.join(); t2.join();
  `, undefined, 20_000);
  expect(result.status, describeRun(result)).toBe("ok");
});

test("threads that only write, into memory they can reach, that they wait for each other's locks are not a deadlock: the kernel is asked who really sleeps", async ({ playground }) => {
  // Scenario (a hostile link): each thread holds one lock and writes its
  // thread-table entry to say it waits for the other's, then goes on
  // counting for longer than the watch's two scans. Nothing waits, so the
  // run ends "ok", with no "Deadlock" said in the playground's voice.
  const result = await runSnippet(playground, `
    import { Thread, Lock, Event, now, print } from "playground";
    const lockA = new Lock(), lockB = new Lock(), holding = new Event();
    function claimWait(on: Lock) {
      const ctx = (on as any).ctx, at = (on as any).at;
      ctx.table.setWait(ctx.ident, 2, at.ref, at.base, false);
    }
    function busy(ms: number) { const t0 = now(); let x = 0; while (now() - t0 < ms) x += 1; return x; }
    function worker() { lockA.acquire(); holding.set(); claimWait(lockB); busy(1500); claimWait(lockA); lockA.release(); }
    lockB.acquire();
    const t = new Thread({ target: worker });
    t.start();
    holding.wait();
    claimWait(lockA);
    busy(1500);
    lockB.release();
    t.join();
    print("nobody waited");
  `, undefined, 20_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.deadlock).toBeUndefined();
  expect(result.output.map((line) => line.text)).toEqual(["nobody waited"]);
});
