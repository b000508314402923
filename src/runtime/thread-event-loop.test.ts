// A thread's event loop (thread-event-loop.ts): a real thread context over a
// run's real memory, with the GIL on, and a task source the test runs.
import { afterEach, describe, expect, it } from "vitest";
import { SharedHeap } from "../sync/heap";
import { Gil } from "../sync/gil";
import { DEFAULT_SETTINGS } from "./settings";
import { createRunMemory } from "./runner/run-memory";
import { createContext, releaseContext } from "./worker-context";
import { Field } from "./thread-table";
import { armEventLoop, inFlight, ownedCallback, probeIdle } from "./thread-event-loop";
import { EventKind, ThreadState } from "../trace/events";

/** The probe's channel, whose messages the test delivers when it says. */
let posted = 0;
const channel = { port1: { postMessage: () => void posted++ }, port2: { onmessage: null as unknown } };
armEventLoop(channel);
/** Delivers the probes posted (each a task of its own: the thread's microtasks have run by then). */
async function runTasks(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  for (; posted > 0; posted--) (channel.port2.onmessage as () => void)();
}
function aThread(settings: Partial<typeof DEFAULT_SETTINGS> = {}) {
  const memory = createRunMemory(1, "", { ...DEFAULT_SETTINGS, gil: true, ...settings }, 0, { heap: SharedHeap.create(1 << 22), userHeap: SharedHeap.create(1 << 20) });
  const ctx = createContext(memory.context, memory.main);
  ctx.enter(ThreadState.Running);
  const gil = new Gil(ctx.i32, ctx.table.get(ctx.ident, Field.GilBase));
  /** the thread's eval-breaker word */
  const ctl = () => new Int32Array(memory.context.ctl)[ctx.table.get(ctx.ident, Field.CtlWord)];
  return { ctx, gil, ctl };
}

afterEach(() => {
  posted = 0;
  releaseContext();
});

describe("a thread's event loop", () => {
  it("finds a thread whose code returned a pending promise idle once its tasks ran dry, and it lets the GIL go", async () => {
    const { ctx, gil, ctl } = aThread();
    expect(gil.holder()).toBe(ctx.ident);
    const pending = new Promise(() => {});
    expect(inFlight(ctx, pending)).toBe(pending);
    expect(ctx.state).toBe(ThreadState.Running);
    await runTasks();
    expect(ctx.state).toBe(ThreadState.EventLoopIdle);
    expect(gil.holder()).toBe(0);
    // Its eval-breaker word is set: a host source not wrapped that wakes its code is found at the next check.
    expect(ctl()).toBe(1);
  });

  it("probes nothing for a value that is not a promise, and never finds a thread that ended idle", async () => {
    const { ctx } = aThread();
    inFlight(ctx, 42);
    expect(posted).toBe(0);
    inFlight(ctx, Promise.resolve());
    ctx.enter(ThreadState.Done);
    ctx.end();
    await runTasks();
    expect(ctx.state).toBe(ThreadState.Done);
  });

  it("runs a callback of the thread's running again, with the GIL, and idle after it", async () => {
    const { ctx, gil } = aThread();
    probeIdle(ctx);
    await runTasks();
    const seen: [ThreadState, number][] = [];
    const callback = ownedCallback(ctx, (x: number) => (seen.push([ctx.state, gil.holder()]), x * 2), () => {});
    expect(callback(21)).toBe(42);
    expect(seen).toEqual([[ThreadState.Running, ctx.ident]]);
    await runTasks();
    expect(ctx.state).toBe(ThreadState.EventLoopIdle);
  });

  it("drops a callback that comes after the thread's end", () => {
    const { ctx } = aThread();
    let ran = 0;
    let dropped = 0;
    const callback = ownedCallback(ctx, () => ran++, () => dropped++);
    ctx.end();
    expect(callback()).toBeUndefined();
    expect([ran, dropped]).toEqual([0, 1]);
  });

  it("finds an idle thread running at its first event, when a source it does not know woke its code, and idle again after", async () => {
    const { ctx, gil } = aThread();
    probeIdle(ctx);
    await runTasks();
    expect(ctx.state).toBe(ThreadState.EventLoopIdle);
    ctx.trace(EventKind.Mark, 0, 0);
    expect(ctx.state).toBe(ThreadState.Running);
    expect(gil.holder()).toBe(ctx.ident);
    await runTasks();
    expect(ctx.state).toBe(ThreadState.EventLoopIdle);
    expect(gil.holder()).toBe(0);
  });

  it("probes again a thread whose woken code first blocked (a sleep), so that it is idle at its next wait", async () => {
    const { ctx, gil } = aThread();
    probeIdle(ctx);
    await runTasks();
    ctx.enter(ThreadState.Sleeping);
    ctx.enter(ThreadState.Running);
    expect(gil.holder()).toBe(ctx.ident);
    await runTasks();
    expect(ctx.state).toBe(ThreadState.EventLoopIdle);
    expect(gil.holder()).toBe(0);
  });

  it("leaves a controlled run's threads running: its scheduler says who runs", async () => {
    const { ctx } = aThread({ controlled: true });
    if (!ctx.control) return expect.unreachable("a controlled run's context has a scheduler");
    probeIdle(ctx);
    expect(posted).toBe(0);
    await runTasks();
    expect(ctx.state).toBe(ThreadState.Running);
  });
});
