// The host's promises and listeners are the thread's (thread-host-calls.ts):
// a real thread context over a run's real memory, a scope with host
// functions the test controls, and the real EventTarget and Atomics.
import { afterEach, describe, expect, it } from "vitest";
import { SharedHeap } from "../sync/heap";
import { DEFAULT_SETTINGS } from "./settings";
import { createRunMemory } from "./runner/run-memory";
import { createContext, releaseContext } from "./worker-context";
import { armEventLoop } from "./thread-event-loop";
import { bindHostCallsToThreads } from "./thread-host-calls";
import { ThreadState } from "../trace/events";

armEventLoop({ port1: { postMessage: () => {} }, port2: { onmessage: null } });

/** A host function whose promise the test settles. */
let answer: (value: string) => void = () => {};
class Pinger extends EventTarget {
  private handler: ((event: Event) => void) | null = null;
  get onping() {
    return this.handler;
  }
  set onping(fn) {
    this.handler = fn;
  }
  ping() {
    this.handler?.(new Event("ping"));
  }
}
/** a frame the test fires */
let frame: (() => void) | null = null;
/** a task scheduler.postTask was given, for the test to run */
let task: (() => void) | null = null;
class Scheduler {
  postTask(fn: () => unknown) {
    return new Promise((resolve) => (task = () => resolve(fn())));
  }
}
const scope = {
  Scheduler,
  requestAnimationFrame: (fn: () => void) => void (frame = fn),
  ReadableStreamDefaultReader: class {
    read() {
      return Promise.resolve({ done: true, value: undefined });
    }
  },
  fetch: () => new Promise<string>((resolve) => (answer = resolve)),
  Blob: class {
    text() {
      return Promise.resolve("blob text");
    }
  },
  Pinger,
  LockManager: class {
    /** the host's navigator.locks.request: calls back the last argument with the lock, later */
    request(_name: string, ...rest: unknown[]) {
      const callback = rest[rest.length - 1] as (lock: unknown) => unknown;
      return new Promise((resolve) => (granted = () => resolve(callback({ name: _name }))));
    }
  },
  WritableStreamDefaultWriter: class {
    private readonly closing = new Promise<void>((resolve) => (closeWriter = resolve));
    get closed() {
      return this.closing;
    }
  },
  /** a host class that calls back later the function it was made with */
  FinalizationRegistry: class {
    constructor(callback: (held: unknown) => void) {
      finalize = callback;
    }
  },
  /** the host's Response: its body's async iterator (each next() settles when the test says) is the one made at boot */
  Response: class {
    readonly body = { values: () => new StreamIterator() };
  },
  OffscreenCanvas: class {
    convertToBlob() {
      return Promise.resolve("a blob");
    }
  },
};
class StreamIterator {
  next() {
    return new Promise((resolve) => (nextChunk = () => resolve({ done: false, value: "chunk" })));
  }
}
/** gives the stream iterator's pending next() its chunk */
let nextChunk: () => void = () => {};
/** grants the lock navigator.locks.request was last asked for */
let granted: (() => void) | null = null;
/** closes the last writer made */
let closeWriter: () => void = () => {};
/** the callback the last FinalizationRegistry was made with */
let finalize: ((held: unknown) => void) | null = null;
bindHostCallsToThreads(scope, ["Pinger"]);

/** A run; each call of its result is a thread of it on this worker, one after another. */
function aRun() {
  const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 22), userHeap: SharedHeap.create(1 << 20) });
  return () => {
    releaseContext();
    const ctx = createContext(memory.context, memory.main);
    ctx.enter(ThreadState.Running);
    return ctx;
  };
}

const aThread = () => aRun()();

const tick = () => new Promise((r) => setImmediate(r));

afterEach(() => releaseContext());

describe("bindHostCallsToThreads", () => {
  it("settles a host promise while its thread lives, running again, and drops it after the end, counted and said once", async () => {
    const ctx = aThread();
    let said = 0;
    const got: unknown[] = [];
    void scope.fetch().then((v) => got.push(v, ctx.state));
    ctx.idle();
    answer("first");
    await tick();
    expect(got).toEqual(["first", ThreadState.Running]);
    void scope.fetch().then((v) => got.push(v));
    ctx.end();
    ctx.onDropped = () => said++;
    answer("late");
    await tick();
    expect(got).toHaveLength(2);
    expect(ctx.droppedHostCalls).toBe(1);
    expect(said).toBe(1);
  });

  it("binds the host's async methods of hygiene-sources.ts, found from the scope", async () => {
    const ctx = aThread();
    const blob = new scope.Blob();
    expect(await blob.text()).toBe("blob text");
    const late = blob.text();
    ctx.end();
    let settled = false;
    void late.then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    expect(ctx.droppedHostCalls).toBe(1);
  });

  it("binds Atomics.waitAsync's promise", async () => {
    const ctx = aThread();
    const word = new Int32Array(new SharedArrayBuffer(4));
    const woken = Atomics.waitAsync(word, 0, 0);
    expect(woken.async).toBe(true);
    Atomics.notify(word, 0);
    expect(await woken.value).toBe("ok");
    const late = Atomics.waitAsync(word, 0, 0);
    ctx.end();
    let settled = false;
    void (late.value as Promise<string>).then(() => (settled = true));
    Atomics.notify(word, 0);
    await tick();
    await tick();
    expect(settled).toBe(false);
    expect(ctx.droppedHostCalls).toBe(1);
  });

  it("runs a listener as the thread's, removes it by the snippet's own function, and drops its events after the end", () => {
    const ctx = aThread();
    const target = new EventTarget();
    const heard: string[] = [];
    const listener = (event: Event) => heard.push(event.type);
    const handler = { handleEvent: (event: Event) => heard.push("object " + event.type) };
    target.addEventListener("a", listener);
    target.addEventListener("a", handler);
    ctx.idle();
    target.dispatchEvent(new Event("a"));
    expect(heard).toEqual(["a", "object a"]);
    expect(ctx.state).toBe(ThreadState.Running);
    target.removeEventListener("a", listener);
    target.dispatchEvent(new Event("a"));
    expect(heard).toEqual(["a", "object a", "object a"]);
    ctx.end();
    target.dispatchEvent(new Event("a"));
    expect(heard).toHaveLength(3);
    expect(ctx.droppedHostCalls).toBe(1);
  });

  it("gives each thread its own binding of a listener function the threads share (print, console.log)", () => {
    const heard: number[] = [];
    const shared = () => heard.push(1);
    const first = aThread();
    new EventTarget().addEventListener("a", shared);
    first.end();
    releaseContext();
    const second = aThread();
    const target = new EventTarget();
    target.addEventListener("a", shared);
    target.dispatchEvent(new Event("a"));
    expect(heard).toEqual([1]);
    expect([first.droppedHostCalls, second.droppedHostCalls]).toEqual([0, 0]);
  });

  it("runs a frame callback as the thread's, and a stream's read is the thread's promise", async () => {
    const ctx = aThread();
    let frames = 0;
    scope.requestAnimationFrame(() => frames++);
    ctx.idle();
    frame!();
    expect([frames, ctx.state]).toEqual([1, ThreadState.Running]);
    expect(await new scope.ReadableStreamDefaultReader().read()).toEqual({ done: true, value: undefined });
    scope.requestAnimationFrame(() => frames++);
    const late = new scope.ReadableStreamDefaultReader().read();
    ctx.end();
    frame!();
    let settled = false;
    void late.then(() => (settled = true));
    await tick();
    expect([frames, settled, ctx.droppedHostCalls]).toEqual([1, false, 2]);
  });

  it("counts a postTask callback that comes after the end once, not again for its promise", async () => {
    const ctx = aThread();
    let ran = 0;
    const done = new Scheduler().postTask(() => ++ran);
    ctx.end();
    task!();
    await tick();
    let settled = false;
    void done.then(() => (settled = true));
    await tick();
    expect([ran, settled, ctx.droppedHostCalls]).toEqual([0, false, 1]);
  });

  it("removes a listener whichever thread of the run added it, as the host would its one registration", () => {
    const target = new EventTarget();
    const heard: number[] = [];
    const shared = () => heard.push(1);
    const thread = aRun();
    const first = thread();
    target.addEventListener("a", shared);
    first.end();
    const second = thread();
    target.removeEventListener("a", shared);
    target.dispatchEvent(new Event("a"));
    expect(heard).toEqual([]);
    expect([first.droppedHostCalls, second.droppedHostCalls]).toEqual([0, 0]);
  });

  it("lets go of an earlier run's bindings of a listener every run has, so that they do not hold its memory", () => {
    const earlier = new EventTarget();
    const shared = () => {};
    const first = aThread();
    earlier.addEventListener("a", shared);
    first.end();
    aThread();
    new EventTarget().addEventListener("a", shared);
    // The earlier run's binding is no longer known: a removal in this run does not reach it.
    earlier.removeEventListener("a", shared);
    earlier.dispatchEvent(new Event("a"));
    expect(first.droppedHostCalls).toBe(1);
  });

  it("binds an EventTarget's on-handler, and its getter gives back the snippet's function", () => {
    const ctx = aThread();
    const pinger = new Pinger();
    let pings = 0;
    const onping = () => pings++;
    pinger.onping = onping;
    expect(pinger.onping).toBe(onping);
    pinger.ping();
    expect(pings).toBe(1);
    ctx.end();
    pinger.ping();
    expect(pings).toBe(1);
    expect(ctx.droppedHostCalls).toBe(1);
  });

  it("leaves what the runtime does outside any thread unbound", async () => {
    const target = new EventTarget();
    let heard = 0;
    target.addEventListener("x", () => heard++);
    const p = scope.fetch();
    answer("mine");
    expect(await p).toBe("mine");
    target.dispatchEvent(new Event("x"));
    expect(heard).toBe(1);
  });

  it("runs navigator.locks.request's callback, its last argument, as the thread's, and drops it after the end", async () => {
    const ctx = aThread();
    const locks = new scope.LockManager();
    const got: unknown[] = [];
    const held = locks.request("a", { mode: "exclusive" }, (lock: unknown) => got.push(lock, ctx.state));
    ctx.idle();
    granted!();
    expect(got).toEqual([{ name: "a" }, ThreadState.Running]);
    await held;
    void locks.request("b", () => got.push("late"));
    ctx.end();
    granted!();
    await tick();
    expect([got.length, ctx.droppedHostCalls]).toEqual([2, 1]);
  });

  it("binds a host getter's promise (a writer's closed), the same promise at each read by the thread", async () => {
    const ctx = aThread();
    const writer = new scope.WritableStreamDefaultWriter();
    expect(writer.closed).toBe(writer.closed);
    const states: ThreadState[] = [];
    void writer.closed.then(() => states.push(ctx.state));
    ctx.idle();
    closeWriter();
    await tick();
    expect(states).toEqual([ThreadState.Running]);
    const late = new scope.WritableStreamDefaultWriter().closed;
    ctx.end();
    closeWriter();
    let settled = false;
    void late.then(() => (settled = true));
    await tick();
    expect([settled, ctx.droppedHostCalls]).toEqual([false, 1]);
  });

  it("runs the function a host class was made with (a FinalizationRegistry's) as the thread's, dropped after the end but not counted (the GC says when it comes), and a canvas's blob is the thread's promise", async () => {
    const ctx = aThread();
    const collected: unknown[] = [];
    new scope.FinalizationRegistry((held) => collected.push(held, ctx.state));
    ctx.idle();
    finalize!("x");
    expect(collected).toEqual(["x", ThreadState.Running]);
    expect(await new scope.OffscreenCanvas().convertToBlob()).toBe("a blob");
    const late = new scope.OffscreenCanvas().convertToBlob();
    ctx.end();
    finalize!("y");
    let settled = false;
    void late.then(() => (settled = true));
    await tick();
    expect([collected.length, settled, ctx.droppedHostCalls]).toEqual([2, false, 1]);
  });

  it("binds the next() of a host's async iterator, on the prototype of one made at boot", async () => {
    const ctx = aThread();
    const iterator = new scope.Response().body.values();
    const states: ThreadState[] = [];
    void iterator.next().then(() => states.push(ctx.state));
    ctx.idle();
    nextChunk();
    await tick();
    expect(states).toEqual([ThreadState.Running]);
    const late = new scope.Response().body.values().next();
    ctx.end();
    nextChunk();
    let settled = false;
    void late.then(() => (settled = true));
    await tick();
    expect([settled, ctx.droppedHostCalls]).toEqual([false, 1]);
  });

  it("keeps what the snippet may read of a wrapped host function as the host's: its name and length, a class's constructor", () => {
    const wrapped = new scope.OffscreenCanvas().convertToBlob;
    expect([wrapped.name, wrapped.length]).toEqual(["convertToBlob", 0]);
    expect(new scope.FinalizationRegistry(() => {}).constructor).toBe(scope.FinalizationRegistry);
    expect(Object.getOwnPropertyDescriptor(scope.WritableStreamDefaultWriter.prototype, "closed")!.get!.name).toBe("get closed");
  });

  it("stores nothing through WeakMap methods the snippet can replace: its replacement is never handed a thread", () => {
    const ctx = aThread();
    const seen: unknown[] = [];
    const { get, set } = WeakMap.prototype;
    WeakMap.prototype.set = function (this: WeakMap<object, unknown>, key: object, value: unknown) {
      seen.push(value);
      return Reflect.apply(set, this, [key, value]);
    };
    WeakMap.prototype.get = function (this: WeakMap<object, unknown>, key: object) {
      seen.push(key);
      return Reflect.apply(get, this, [key]);
    };
    try {
      void new scope.WritableStreamDefaultWriter().closed;
      new EventTarget().addEventListener("a", () => {});
      new Pinger().onping = () => {};
    } finally {
      WeakMap.prototype.set = set;
      WeakMap.prototype.get = get;
    }
    expect(seen).toEqual([]);
    ctx.end();
  });

  it("marks a getter's promise handled, as the host does its own: a closed promise that rejects unread is no unhandled rejection", async () => {
    aThread();
    let rejectClosed: (e: Error) => void = () => {};
    class Reader {
      private readonly closing = new Promise<void>((_, reject) => (rejectClosed = reject));
      get closed() {
        return this.closing;
      }
    }
    const readerScope = { ReadableStreamDefaultReader: Reader };
    bindHostCallsToThreads(readerScope, []);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      void new readerScope.ReadableStreamDefaultReader().closed;
      rejectClosed(new TypeError("released"));
      await tick();
      await tick();
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
