// A run whose supervisor fails to start it (here: MainThread's worker cannot
// be told to serve) gives back everything it took: its clock and drainer
// stop, the worker it hired goes, and the pools no longer count it as going
// on. Stand-in workers record what happens to them.
import { describe, expect, it, vi } from "vitest";
import { SharedHeap } from "../../sync/heap";
import { DEFAULT_SETTINGS, resolveSettings } from "../settings";
import { Supervisor } from "./supervisor";
import { WarmPool, type BlobWorkers } from "./worker-pool";
import { HeapShelf } from "./heap-shelf";
import { ReleaseBook } from "../drainer/release-book";
import type { DrainerStart } from "../drainer/drain-protocol";
import type { FromThread, ToWorker } from "../protocol";

interface Fake {
  terminated: boolean;
  sent: unknown[];
  onmessage: unknown;
  postMessage(message: unknown): void;
  terminate(): void;
}

function fakeWorkers(refuse = false): { workers: BlobWorkers; made: Fake[] } {
  const made: Fake[] = [];
  const workers = {
    create() {
      const w: Fake = {
        terminated: false, sent: [], onmessage: null,
        postMessage(message) {
          if (refuse) throw new Error("the worker cannot be told to serve");
          w.sent.push(message);
        },
        terminate() { w.terminated = true; },
      };
      made.push(w);
      return w as unknown as Worker;
    },
  } as unknown as BlobWorkers;
  return { workers, made };
}

describe("Supervisor that cannot start its run", () => {
  it("stops its clock and drainer, lets its worker go, and ends its count in every pool", () => {
    const threadWorkers = fakeWorkers(true), drainerWorkers = fakeWorkers(), clockWorkers = fakeWorkers();
    const threads = new WarmPool(threadWorkers.workers, 1, 1, 1);
    const drainers = new WarmPool(drainerWorkers.workers, 1, 1, 1);
    const clocks = new WarmPool(clockWorkers.workers, 1, 1, 1);
    const ended = [vi.spyOn(threads, "runEnded"), vi.spyOn(drainers, "runEnded"), vi.spyOn(clocks, "runEnded")];
    const heaps = { heap: SharedHeap.create(1 << 22), userHeap: SharedHeap.create(1 << 20) };
    const sent: unknown[] = [];
    expect(() => new Supervisor({ runId: 7, js: "", settings: resolveSettings(DEFAULT_SETTINGS), sharedGlobals: 0 }, heaps, {
      send: (message) => sent.push(message), threads, drainers, clocks, shelf: new HeapShelf(), dock: () => {}, onEnd: () => {},
    })).toThrow("cannot be told to serve");

    const [drainer] = drainerWorkers.made;
    const [clock] = clockWorkers.made;
    expect(drainer.sent.length, "the drainer was started").toBe(1);
    expect(clock.sent.length, "the clock was started").toBe(1);
    expect(drainer.terminated && clock.terminated, "both stopped").toBe(true);
    const { heap, runStateIndex } = clock.sent[0] as { heap: SharedArrayBuffer; runStateIndex: number };
    expect(Atomics.load(new Int32Array(heap), runStateIndex), "the run's state says it is over: writers and the clock's loop stop").toBe(1);
    expect(threadWorkers.made.every((w) => w.terminated), "the worker hired for MainThread went").toBe(true);
    for (const spy of ended) expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe("Supervisor, as a thread ends", () => {
  it("tells the drainer, in its release book, where the thread's rings end as its worker counted them", async () => {
    const threadWorkers = fakeWorkers(), drainerWorkers = fakeWorkers(), clockWorkers = fakeWorkers();
    const pools = [threadWorkers, drainerWorkers, clockWorkers].map((f) => new WarmPool(f.workers, 1, 1, 1));
    const heaps = { heap: SharedHeap.create(1 << 22), userHeap: SharedHeap.create(1 << 20) };
    const supervisor = new Supervisor({ runId: 7, js: "", settings: resolveSettings(DEFAULT_SETTINGS), sharedGlobals: 0 }, heaps, {
      send: () => {}, threads: pools[0], drainers: pools[1], clocks: pools[2], shelf: new HeapShelf(), dock: () => {}, onEnd: () => {},
    });
    const serve = threadWorkers.made.flatMap((w) => w.sent).find((m): m is Extract<ToWorker, { type: "serve" }> => (m as ToWorker).type === "serve")!;
    const start = drainerWorkers.made[0].sent[0] as DrainerStart;
    const book = new ReleaseBook(start.releases);
    const main = serve.ident!;
    const slot = (main - 1) % new Int32Array(heaps.heap.buffer)[serve.run.controlIndex + 7];
    expect(book.released(slot, main), "not released while it runs").toBeUndefined();
    const exit: FromThread = { type: "exit", state: "done", t: 1, exitCode: 0, ends: { trace: 12, output: 40 } };
    serve.port.postMessage({ type: "started", ident: main } satisfies FromThread);
    serve.port.postMessage(exit);
    await vi.waitFor(() => expect(book.released(slot, main)).toEqual({ trace: 12, output: 40 }));
    supervisor.stop();
  });
});
