// RWLock end to end (API.md §3, issue 11's proof of "a primitive is one
// unit"): readers together and a writer alone in a real run, its lane on the
// timeline with readers' holds side by side, its errors, and a deadlock
// through it found and named. Threads are ordered by Events and Barriers.
import { apiTest as test, expect, runSnippet, describeRun, outputTexts, expectOk } from "./fixtures";

type LockHolds = { name: string; acquisitions: number; holds: { thread: string; startMs: number; endMs: number; shared: boolean }[] }[];

test("RWLock: three readers hold it at once, the writer alone; the timeline draws exactly that", async ({ playground }) => {
  // Scenario: three readers each take a read and wait at a Barrier of three
  // inside it: they can only all get there if reads are shared. Then a
  // writer (started after they are in, ordered by an Event) waits for all
  // three to leave and writes alone.
  const result = await runSnippet(playground, `
    import { Thread, RWLock, Barrier, Event, print } from "playground";
    const table = new RWLock();
    const allInside = new Barrier(3);
    const readersIn = new Event();
    let value = 0;
    function reader(n: number) {
      table.reading(() => {
        if (allInside.wait() === 0) readersIn.set();
        print("reader", n, "read", value);
      });
    }
    function writer() {
      table.writing(() => { value = 42; });
    }
    const readers = [1, 2, 3].map((n) => new Thread({ target: reader, args: [n] }));
    for (const t of readers) t.start();
    readersIn.wait();
    const w = new Thread({ target: writer, name: "writer" });
    w.start();
    for (const t of readers) t.join();
    w.join();
    print("value", value);
  `, undefined, 30_000);
  expectOk(result);
  expect(outputTexts(result).sort()).toEqual(["reader 1 read 0", "reader 2 read 0", "reader 3 read 0", "value 42"]);

  const locks = await playground.evaluate(() =>
    (window as unknown as { playground: { debug: { lockHolds(): LockHolds } } }).playground.debug.lockHolds());
  const table = locks.find((l) => l.name === "table")!;
  expect(table, JSON.stringify(locks).slice(0, 500)).toBeTruthy();
  expect(table.acquisitions).toBe(4);
  const reads = table.holds.filter((h) => h.shared);
  const write = table.holds.find((h) => !h.shared)!;
  expect(reads).toHaveLength(3);
  expect(write.thread).toBe("writer");
  // The three reads overlap (all were inside at the Barrier); the write overlaps none.
  const lastStart = Math.max(...reads.map((h) => h.startMs));
  const firstEnd = Math.min(...reads.map((h) => h.endMs));
  expect(lastStart).toBeLessThanOrEqual(firstEnd);
  for (const r of reads) expect(r.endMs <= write.startMs || r.startMs >= write.endMs, JSON.stringify({ r, write })).toBe(true);
  const lanes = await playground.evaluate(() =>
    (window as unknown as { playground: { debug: { timelineLanes(): { kind: string; label: string }[] } } }).playground.debug.timelineLanes());
  expect(lanes).toContainEqual({ kind: "lock", label: "table" });
});

test("RWLock: a waiting writer keeps new readers out; releasing what is not held is a RuntimeError", async ({ playground }) => {
  const result = await runSnippet(playground, `
    import { Thread, RWLock, Event, print, sleep } from "playground";
    const rw = new RWLock();
    rw.acquireRead();
    const writerWaits = new Event();
    const w = new Thread({ target: () => { writerWaits.set(); rw.writing(() => print("writer in")); } });
    w.start();
    writerWaits.wait();
    // The writer is now waiting (or about to): a new read must not get past it.
    let blocked = false;
    for (let i = 0; i < 10_000 && !blocked; i++) { if (!rw.acquireRead(false)) blocked = true; else { rw.releaseRead(); sleep(1); } }
    print("new reader kept out:", blocked);
    rw.releaseRead();
    w.join();
    try { rw.releaseRead(); } catch (e) { print((e as Error).name); }
    try { rw.releaseWrite(); } catch (e) { print((e as Error).name); }
  `, undefined, 30_000);
  expectOk(result);
  expect(outputTexts(result)).toEqual(["new reader kept out: true", "writer in", "RuntimeError", "RuntimeError"]);
});

test("RWLock: a writer waiting for a reader that waits for the writer's lock is a deadlock, named", async ({ playground }) => {
  const result = await runSnippet(playground, `
    import { Thread, RWLock, Lock, Barrier } from "playground";
    const table = new RWLock();
    const cache = new Lock();
    const both = new Barrier(2);
    const a = new Thread({ target: () => table.reading(() => { both.wait(); cache.with(() => {}); }), name: "reader" });
    const b = new Thread({ target: () => cache.with(() => { both.wait(); table.writing(() => {}); }), name: "writer" });
    a.start(); b.start(); a.join(); b.join();
  `, undefined, 20_000);
  expect(result.status, describeRun(result)).toBe("deadlock");
  const edges = Object.fromEntries(result.deadlock!.cycle.map((e) => [e.thread, e]));
  expect(edges.reader).toMatchObject({ waitsFor: "cache", heldBy: "writer" });
  expect(edges.writer).toMatchObject({ waitsFor: "table", heldBy: "reader" });
});
