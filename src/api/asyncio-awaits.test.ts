// The snippet's awaits as the compile writes them, back(aw(mark(), x),
// await held()), run against the real asyncio: JavaScript's semantics stay
// as they were (what is awaited, how often a then() is called, which value
// comes back), and each task is drawn waiting at the awaits that waited.
// The test process is the run's MainThread.
import { describe, expect, it } from "vitest";
import { startTestRun } from "../runtime/test-run";
import { EventKind, ThreadState } from "../trace/events";
import { asyncio } from "./asyncio";
import { awaitMark, awaited, heldValue, resumed } from "./asyncio-awaits";

const back = (token: unknown, value: unknown) => resumed(token as never, value);
const taskEvents = (events: [number, number, number][]) => events.filter(([k]) => k >= EventKind.TaskStart && k <= EventKind.TaskResume);

function running() {
  const run = startTestRun();
  run.ctx.enter(ThreadState.Running);
  run.events();
  return run;
}

describe("the snippet's awaits", () => {
  it("give the value JavaScript's give, and call a thenable's then once, a promise's own then never", async () => {
    running();
    async function inner() { back(awaited(awaitMark(), 1), await heldValue()); }
    // (Its then getter runs an await of the snippet's: what aw() was given must survive it.)
    const getterAwaits = { get then() { void inner(); return (res: (v: number) => void) => res(42); } };
    let calls = 0;
    const thenable = { then(res: (v: number) => void) { calls++; res(7); } };
    const promise = Promise.resolve(3);
    let ownThen = 0;
    const realThen = promise.then.bind(promise);
    (promise as unknown as { then: unknown }).then = (...a: Parameters<typeof realThen>) => { ownThen++; return realThen(...a); };
    const got: unknown[] = [];
    await asyncio.run(async () => {
      got.push(back(awaited(awaitMark(), getterAwaits), await heldValue()));
      got.push(back(awaited(awaitMark(), thenable), await heldValue()));
      got.push(back(awaited(awaitMark(), promise), await heldValue()));
    });
    expect(got).toEqual([42, 7, 3]);
    expect(calls).toBe(1);
    expect(ownThen).toBe(0);
  });

  it("draw no wait for an await of a value, nor a task that awaits a Task waiting after its end", async () => {
    const { events } = running();
    const gate = new Promise((r) => setTimeout(r, 5));
    await asyncio.run(async () => {
      for (let i = 0; i < 5; i++) back(awaited(awaitMark(), null), await heldValue());
      const c = asyncio.createTask((async () => { back(awaited(awaitMark(), asyncio.sleep(60)), await heldValue()); })(), { name: "C" });
      const a = asyncio.createTask((async () => { back(awaited(awaitMark(), gate), await heldValue()); back(awaited(awaitMark(), c), await heldValue()); })(), { name: "A" });
      const b = asyncio.createTask((async () => { back(awaited(awaitMark(), gate), await heldValue()); back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue()); })(), { name: "B" });
      back(awaited(awaitMark(), asyncio.gather(a, b, c)), await heldValue());
    });
    const got = taskEvents(events());
    const [main, , , b] = [...new Set(got.filter(([k]) => k === EventKind.TaskStart).map(([, , o]) => o))];
    // main: start, one wait (the gather's), end: none for its five awaits of null.
    expect(got.filter(([, , o]) => o === main).map(([k]) => k)).toEqual([EventKind.TaskStart, EventKind.TaskAwait, EventKind.TaskResume, EventKind.TaskEnd]);
    // B: its two waits, and nothing after its end (A's await of C was once taken for B's, which C's end resumed).
    expect(got.filter(([, , o]) => o === b).map(([k]) => k)).toEqual([EventKind.TaskStart, EventKind.TaskAwait, EventKind.TaskResume, EventKind.TaskAwait, EventKind.TaskResume, EventKind.TaskEnd]);
  });

  it("end a wait when the await resumes, not when a sleep raced against it ends", async () => {
    const { events } = running();
    await asyncio.run(async () => {
      back(awaited(awaitMark(), Promise.race([new Promise((r) => setTimeout(r, 10)), asyncio.sleep(150)])), await heldValue());
      const t0 = performance.now();
      while (performance.now() - t0 < 20) { /* runs */ }
    });
    const kinds = taskEvents(events()).map(([k]) => k);
    expect(kinds).toEqual([EventKind.TaskStart, EventKind.TaskAwait, EventKind.TaskResume, EventKind.TaskEnd]);
  });
});
