// The backlog between the drainer and the page: a stopped run's unsent
// chunks are dropped, and the page is told from when its record is no
// longer whole (the earliest moment among what was dropped).
import { describe, expect, it } from "vitest";
import type { TraceChunk } from "../frame-protocol";
import { TraceBacklog } from "./trace-backlog";

/** A chunk of one thread's events at `times` (16 bytes each, the time first), and lines printed at `lines`. */
function chunk(seq: number, ident: number, times: number[], lines: number[] = []): TraceChunk {
  const data = new ArrayBuffer(16 * times.length);
  const f64 = new Float64Array(data);
  times.forEach((t, i) => (f64[i * 2] = t));
  return { seq, threads: [], events: times.length ? [{ ident, data }] : [], output: lines.map((t) => ({ ident, text: "x", stream: 0, t })), ended: [] };
}

describe("TraceBacklog.discard", () => {
  it("drops what the page was not sent, and says from when the record is not whole", () => {
    const sent: TraceChunk[] = [];
    const backlog = new TraceBacklog((c) => sent.push(c), () => {}, 1000);
    // Four go out at once (PAGE_IN_FLIGHT); the page takes none in before the run is stopped.
    for (let seq = 0; seq < 4; seq++) backlog.add(chunk(seq, 1, [seq, seq + 0.5]));
    backlog.add(chunk(4, 1, [7, 9]));
    backlog.add(chunk(5, 2, [6.5], [6.25]));
    backlog.add(chunk(6, 1, [10]));
    expect(sent.length).toBe(4);
    expect(backlog.discard()).toEqual({ events: 5, fromMs: 6.25 });
    expect(backlog.allSent).toBe(true);
    expect(backlog.discard()).toEqual({ events: 0, fromMs: NaN });
  });

  it("takes every dropped event's stamp, not only each thread's first: a ring's stamps are not all in order (an await stamped when it began)", () => {
    const backlog = new TraceBacklog(() => {}, () => {}, 1000);
    for (let seq = 0; seq < 4; seq++) backlog.add(chunk(seq, 1, [seq]));
    backlog.add(chunk(4, 1, [9, 5, 11]));
    expect(backlog.discard().fromMs).toBe(5);
  });

  it("ignores a stamp the run's memory made up that is no finite number", () => {
    const backlog = new TraceBacklog(() => {}, () => {}, 1000);
    for (let seq = 0; seq < 4; seq++) backlog.add(chunk(seq, 1, [seq]));
    backlog.add(chunk(4, 1, [NaN, 12]));
    backlog.add(chunk(5, 2, [Infinity]));
    expect(backlog.discard().fromMs).toBe(12);
  });
});
