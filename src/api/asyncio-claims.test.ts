// Whose an await is when a coroutine's first segment ran before its Task
// existed (`asyncio.run(main())`, `createTask(work())`): the Task takes the
// caller's last suspension, the coroutine's own first await, and none made
// before by a coroutine started beside it; a Task awaited there tells its
// awaiter's `back` whose the await was. Each case is one a review or a
// learner found drawn wrong. The snippet's awaits are written as the compile
// writes them; the test process is the run's MainThread.
import { describe, expect, it } from "vitest";
import { startTestRun } from "../runtime/test-run";
import { EventKind, ThreadState } from "../trace/events";
import { asyncio } from "./asyncio";
import { awaitMark, awaited, heldValue, resumed } from "./asyncio-awaits";

const back = (token: unknown, value: unknown) => resumed(token as never, value);
const S = EventKind.TaskStart, A = EventKind.TaskAwait, R = EventKind.TaskResume, E = EventKind.TaskEnd;
const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end) { /* runs */ } };
const plain = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function running() {
  const run = startTestRun();
  run.ctx.enter(ThreadState.Running);
  run.events();
  /** each task's events, by its order of start */
  return () => {
    const got = run.events().filter(([k]) => k >= S && k <= R);
    const ids = [...new Set(got.filter(([k]) => k === S).map(([, , o]) => o))];
    return ids.map((id) => got.filter(([, , o]) => o === id).map(([k]) => k));
  };
}

describe("the first await of a coroutine started before its Task", () => {
  it("of a plain promise is main's, and so are its awaits after, a Task's among them", async () => {
    const kinds = running();
    async function inner() { back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue()); }
    async function main() {
      back(awaited(awaitMark(), plain(5)), await heldValue());
      const y = asyncio.createTask(inner(), { name: "y" });
      back(awaited(awaitMark(), asyncio.sleep(20)), await heldValue());
      back(awaited(awaitMark(), y), await heldValue());
    }
    await asyncio.run(main());
    const [mainKinds, yKinds] = kinds();
    expect(mainKinds).toEqual([S, A, R, A, R, A, R, E]);
    expect(yKinds).toEqual([S, A, R, E]);
  });

  it("of a Task made there: main goes on as main after it, and waits at its next await", async () => {
    const kinds = running();
    async function a() { back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue()); }
    async function b() { back(awaited(awaitMark(), asyncio.sleep(20)), await heldValue()); busy(5); }
    async function main() {
      const ta = asyncio.createTask(a()), tb = asyncio.createTask(b());
      back(awaited(awaitMark(), ta), await heldValue());
      back(awaited(awaitMark(), tb), await heldValue());
    }
    await asyncio.run(main());
    // (main's Task starts after ta's and tb's: main() ran first.) Before: after `await ta` main was no task, its
    // `await tb` no wait of its, and it was drawn running with b.
    expect(kinds()[2]).toEqual([S, A, R, A, R, E]);
  });

  it("is not taken from a coroutine started beside main and not awaited", async () => {
    const kinds = running();
    async function side() {
      back(awaited(awaitMark(), asyncio.sleep(15)), await heldValue());
      back(awaited(awaitMark(), plain(60)), await heldValue());
    }
    async function ticker() { for (let i = 0; i < 3; i++) back(awaited(awaitMark(), plain(3)), await heldValue()); }
    const ticking = ticker();
    async function main() {
      void side();
      back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue());
      busy(25);
      back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue());
    }
    await asyncio.run(main());
    await ticking;
    // main waits at its two sleeps only: side's and ticker's waits were once taken for main's, and main drawn waiting as it ran.
    expect(kinds()[0]).toEqual([S, A, R, A, R, E]);
  });

  it("of each of a list of coroutines made before gather is each one's", async () => {
    const kinds = running();
    async function w() {
      back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue());
      back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue());
    }
    await asyncio.run(async () => {
      const coros = [w(), w()];
      back(awaited(awaitMark(), asyncio.gather(...coros)), await heldValue());
    });
    const [mainKinds, w1, w2] = kinds();
    expect([w1, w2]).toEqual([[S, A, R, A, R, E], [S, A, R, A, R, E]]);
    expect(mainKinds).toEqual([S, A, R, E]);
  });

  it("is not an earlier plain await of a helper left running, when main's own first await waits for nothing", async () => {
    const kinds = running();
    async function heartbeat() { back(awaited(awaitMark(), plain(40)), await heldValue()); }
    void heartbeat();
    async function main() {
      back(awaited(awaitMark(), null), await heldValue());
      busy(20);
    }
    await asyncio.run(main());
    // main ran through: heartbeat's wait was taken for main's, and main drawn waiting as it computed.
    expect(kinds()[0]).toEqual([S, E]);
  });
});

describe("a task's waits", () => {
  it("start afresh in the next run a worker serves: one left pending at a task's end is not counted there", async () => {
    let kinds = running();
    await asyncio.run(async () => { void asyncio.sleep(15); });
    back(awaited(awaitMark(), plain(30)), await heldValue());
    expect(kinds()[0]).toEqual([S, A, E]);
    // Task ids begin again: this run's main is the last one's id.
    kinds = running();
    await asyncio.run(async () => {
      back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue());
      back(awaited(awaitMark(), asyncio.sleep(5)), await heldValue());
    });
    expect(kinds()[0]).toEqual([S, A, R, A, R, E]);
  });
});
