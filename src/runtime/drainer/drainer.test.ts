// The drainer against a snippet that writes the runtime's memory: an ended
// thread's ring heads set back, its slot's lifecycle forged "released" or
// "free". A run's real memory layout (runner/run-memory.ts), real rings and
// writers, and the release book as the runner writes it.
import { describe, expect, it } from "vitest";
import { SharedHeap } from "../../sync/heap";
import { RingWriter } from "../../trace/ring";
import { EventKind, ThreadState } from "../../trace/events";
import { DEFAULT_SETTINGS } from "../settings";
import { createRunMemory } from "../runner/run-memory";
import { OutputWriter } from "../output-ring";
import { OUTPUT_RING_WORDS, TRACE_RING_EVENTS } from "../provision";
import { Ctl, Field, Lifecycle, ThreadTable } from "../thread-table";
import { DrainCorrupt, Drainer } from "./drainer";
import { ReleaseBook, releaseBookBytes } from "./release-book";

function aRun() {
  const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 22), userHeap: SharedHeap.create(1 << 20) });
  const { heap, table } = memory;
  const book = new ReleaseBook(new SharedArrayBuffer(releaseBookBytes(table.capacity)));
  const drainer = new Drainer(heap.i32, table.control, table.layout(), memory.tableEndWord, book);
  const ident = memory.main;
  const outputBase = table.get(ident, Field.OutputBase);
  const ringBase = table.get(ident, Field.RingBase);
  const output = new OutputWriter(heap.i32, outputBase, OUTPUT_RING_WORDS);
  const control = table.control;
  const ring = new RingWriter(heap.i32, ringBase, TRACE_RING_EVENTS, control + Ctl.Clock, { drainSignal: control + Ctl.DrainSignal, runState: control + Ctl.RunState });
  /** the thread prints `lines` lines, records one event, and ends: what its writers counted */
  const live = (lines: string[]) => {
    lines.forEach((text, i) => output.write(text, 0, i));
    ring.write(1, EventKind.State, ThreadState.Running, 0);
    return { trace: ring.close(), output: output.close() };
  };
  /** the runner lets go of the thread, as run-threads.ts release() does: the table, then the book */
  const release = (ends: { trace: number; output: number } | null) => {
    table.finish(ident);
    table.set(ident, Field.Lifecycle, Lifecycle.Released);
    book.release(table.slotOf(ident), ident, ends);
  };
  /** passes until nothing more comes: every line read, and the idents whose trace the drainer called complete */
  const drainAll = () => {
    const texts: string[] = [];
    const ended: number[] = [];
    let events = 0;
    for (let i = 0; i < 4; i++) {
      drainer.pass();
      const chunk = drainer.takeChunk();
      texts.push(...chunk.output.map((r) => r.text));
      ended.push(...chunk.ended);
      events += chunk.events.reduce((n, e) => n + e.data.byteLength / 16, 0);
    }
    return { texts, ended, events };
  };
  const setHead = (word: number, value: number) => Atomics.store(heap.i32, word, value);
  return { heap, table, book, memory, drainer, ident, outputBase, ringBase, output, ring, live, release, drainAll, setHead };
}

describe("Drainer's final pass", () => {
  it("reads an ended thread's lines to its end though the last of them came after the cutoff: the pass moved, and the next one finishes the thread", () => {
    // More lines than a chunk holds, all stamped after the cutoff: dropped, they filled no chunk, and the final
    // loop (drain-loop.ts: while there is a chunk) stopped with the ring not empty, the thread never called complete.
    const run = aRun();
    const ends = run.live(Array.from({ length: 2200 }, () => "x"));
    run.release(ends);
    // An ordinary pass first: the event and a chunk's worth of lines.
    run.drainer.pass();
    expect(run.drainer.takeChunk().output).toHaveLength(1000);
    run.drainer.cutoffMs = -1;
    const ended: number[] = [];
    // (As drain-loop.ts's final pass: while a pass has something to send.)
    for (let passes = 0; passes < 10; passes++) {
      run.drainer.pass();
      if (!run.drainer.hasChunk()) break;
      ended.push(...run.drainer.takeChunk().ended);
    }
    expect(ended).toEqual([run.ident]);
  });
});

describe("Drainer's final pass, against times the snippet forged", () => {
  // A live pass sends such a line to the page, which refuses it (run-session.ts); read only in the final
  // pass, it was dropped as a late write, and the run ended ok, saying nothing of the forgery.
  const finalPass = (run: ReturnType<typeof aRun>, cutoffMs: number, lateUntilMs = cutoffMs + 5000) => {
    run.drainer.cutoffMs = cutoffMs;
    run.drainer.lateUntilMs = lateUntilMs;
    for (let passes = 0; passes < 10; passes++) {
      run.drainer.pass();
      if (!run.drainer.hasChunk()) return;
      run.drainer.takeChunk();
    }
  };

  it("drops a line written a moment after the run's end, and refuses one stamped where no late write can be", () => {
    const late = aRun();
    late.output.write("late", 0, 50 + 10);
    late.release({ trace: late.ring.close(), output: late.output.close() });
    expect(() => finalPass(late, 50)).not.toThrow();

    const forged = aRun();
    forged.output.write("never printed then", 0, 99_999_999);
    forged.release({ trace: forged.ring.close(), output: forged.output.close() });
    expect(() => finalPass(forged, 50)).toThrow(DrainCorrupt);
    expect(() => finalPass(forged, 50)).toThrow(/printed a line at an impossible time \(99999999 ms\)/);
  });

  it("refuses an event stamped past the end by more than a late write can be, or at no time", () => {
    const run = aRun();
    run.ring.write(50 + 5001, EventKind.State, ThreadState.Running, 0);
    run.release({ trace: run.ring.close(), output: run.output.close() });
    expect(() => finalPass(run, 50)).toThrow(/recorded an event at an impossible time/);

    const nan = aRun();
    nan.ring.write(NaN, EventKind.State, ThreadState.Running, 0);
    nan.release({ trace: nan.ring.close(), output: nan.output.close() });
    expect(() => finalPass(nan, 50)).toThrow(/recorded an event at an impossible time \(NaN ms\)/);
  });

  it("with a virtual clock (a controlled run), drops a write however far past the end: its clock jumps to the next sleeper's deadline", () => {
    const run = aRun();
    run.output.write("tick", 0, 50 + 10_000);
    run.ring.write(50 + 10_000, EventKind.State, ThreadState.Running, 0);
    run.release({ trace: run.ring.close(), output: run.output.close() });
    expect(() => finalPass(run, 50, Infinity)).not.toThrow();
  });
});

describe("Drainer, against a snippet that writes the runtime's memory", () => {
  it("reads an ended thread's rings to where its worker counted, though another thread set their heads back", () => {
    const run = aRun();
    run.drainAll();
    const ends = run.live(["one", "two", "three"]);
    // Another thread, after the writers' last write-back: the heads say nothing was written.
    run.setHead(run.outputBase, 0);
    run.setHead(run.ringBase, 0);
    run.release(ends);
    const read = run.drainAll();
    expect(read.texts).toEqual(["one", "two", "three"]);
    expect(read.events).toBe(1);
    expect(read.ended).toEqual([run.ident]);
  });

  it("without the worker's count (its worker was terminated), reads as far as the heads say, as before", () => {
    const run = aRun();
    run.live(["one"]);
    run.release(null);
    expect(run.drainAll().texts).toEqual(["one"]);
  });

  it("does not recycle a slot whose lifecycle word the snippet set to released: the runner has not let go of its thread", () => {
    const run = aRun();
    run.table.set(run.ident, Field.Lifecycle, Lifecycle.Released);
    const first = run.drainAll();
    expect(first.ended).toEqual([]);
    expect(run.table.get(run.ident, Field.Lifecycle)).toBe(Lifecycle.Released);
    // The thread goes on printing into its slot, which nobody else was given.
    const ends = run.live(["still mine"]);
    run.release(ends);
    const after = run.drainAll();
    expect(after.texts).toEqual(["still mine"]);
    expect(after.ended).toEqual([run.ident]);
  });

  it("goes on reading a thread whose slot the snippet marked free", () => {
    const run = aRun();
    run.drainAll();
    const ends = run.live(["hidden?"]);
    run.table.set(run.ident, Field.Lifecycle, Lifecycle.Free);
    run.release(ends);
    run.table.set(run.ident, Field.Lifecycle, Lifecycle.Free);
    const read = run.drainAll();
    expect(read.texts).toEqual(["hidden?"]);
    expect(read.ended).toEqual([run.ident]);
  });

  it("finds the table where the runner laid it out, though the snippet moved the heap's copy before the drainer started", () => {
    const run = aRun();
    const layout = run.table.layout();
    // The drainer worker starts after MainThread may have run: the snippet points the table's words elsewhere.
    Atomics.store(run.heap.i32, run.table.control + Ctl.TableBase, 0);
    Atomics.store(run.heap.i32, run.table.control + Ctl.Capacity, 2);
    expect(new ThreadTable(run.heap.i32, run.table.control).layout()).not.toEqual(layout);
    const late = new Drainer(run.heap.i32, run.table.control, layout, run.memory.tableEndWord, run.book);
    run.live(["found"]);
    late.pass();
    expect(late.takeChunk().output.map((r) => r.text)).toEqual(["found"]);
  });

  it("holds a thread's end a few passes while its name is mid-rename, so that the page's last word on it is the whole new name", () => {
    const run = aRun();
    const pass = () => {
      run.drainer.pass();
      const chunk = run.drainer.takeChunk();
      return { names: chunk.threads.map((t) => t.name), ended: chunk.ended };
    };
    pass();
    const ends = run.live(["one"]);
    run.release(ends);
    // Another thread renames the ended thread's handle; its write is under way (the count odd, half the bytes new).
    const at = run.table.slotAt(run.table.slotOf(run.ident), 22);
    const word = Atomics.load(run.heap.i32, at);
    const writing = word + (1 << 8);
    Atomics.store(run.heap.i32, at, writing);
    Atomics.store(run.heap.i32, at + 1, new Int32Array(new TextEncoder().encode("Work").buffer)[0]);
    expect(pass().ended).toEqual([]);
    // The rename ends: "Worker-7", whole.
    const bytes = new Uint8Array(8);
    new TextEncoder().encodeInto("Worker-7", bytes);
    const words = new Int32Array(bytes.buffer);
    Atomics.store(run.heap.i32, at + 1, words[0]);
    Atomics.store(run.heap.i32, at + 2, words[1]);
    Atomics.store(run.heap.i32, at, ((writing + (1 << 8)) & ~0xff) | 8);
    const last = pass();
    expect(last.names).toEqual(["Worker-7"]);
    expect(last.ended).toEqual([run.ident]);
  });
});
