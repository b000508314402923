// Hit-testing names what is drawn under the pointer, and the tooltip says why.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "../trace/events";
import { ObjKind, objRef } from "../trace/object-kinds";
import { TimeScale } from "../trace/time-scale";
import { describeHit } from "./describe";
import { type FrameInput } from "./frame";
import { hitTest } from "./hit-test";
import { LANE, layoutLanes, threadRows } from "./layout";
import { LOCK_9, POOL_20, QUEUE_7, scenario } from "./test-scenario";
import { LIGHT_THEME } from "./theme";
import { ZH_WORDS } from "./words";
import { AXIS_PX, GUTTER_PX } from "./geometry";

const model = scenario();
const layout = layoutLanes(model);
// 100 ms over 1000 px: 10 px per ms.
const input: FrameInput = {
  model, layout, scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000), widthPx: GUTTER_PX + 1000, heightPx: 600,
  scrollY: 0, theme: LIGHT_THEME, untilMs: 100, live: false,
};
const xOf = (tMs: number) => input.scale.msToPx(tMs);
const barY = (ident: number) => AXIS_PX + layout.threads.get(ident)!.y + threadRows(layout.threads.get(ident)!).barY + LANE.bar / 2;

describe("hitTest", () => {
  it("finds the state interval under the pointer, and why it waited", () => {
    const hit = hitTest(input, xOf(25), barY(2));
    expect(hit).toMatchObject({ kind: "state", ident: 2, state: ThreadState.Blocked, startMs: 20, endMs: 33, obj: LOCK_9, changesInPixel: 0 });
    const text = describeHit(model, hit!)!;
    expect(text.title).toBe("Thread-1 · blocked on a lock");
    expect(Object.fromEntries(text.rows)).toMatchObject({ on: "Lock 9", "held by": "MainThread", "handed over by": "MainThread at 32.000 ms", lasted: "13.00 ms" });
  });

  it("finds a thread's end a few pixels either side of it, and the bar before it further off", () => {
    expect(hitTest(input, xOf(60) - 2, barY(2))).toMatchObject({ kind: "final", ident: 2, tMs: 60 });
    expect(hitTest(input, xOf(60) + 2, barY(2))).toMatchObject({ kind: "final", ident: 2, tMs: 60 });
    expect(hitTest(input, xOf(60) - 8, barY(2))).toMatchObject({ kind: "state", ident: 2 });
  });

  it("does not find an end that lies past the record's end (hatched: drawn there by the run's end, not recorded)", () => {
    const m = scenario();
    m.cutAt(59.9);
    const cut: FrameInput = { ...input, model: m, layout: layoutLanes(m) };
    expect(hitTest(cut, xOf(60) - 2, barY(2))?.kind).not.toBe("final");
  });

  it("prefers a mark or a print tick near the pointer", () => {
    expect(hitTest(input, xOf(45) + 2, barY(1) - 6)).toMatchObject({ kind: "mark", ident: 1, tMs: 45 });
    expect(hitTest(input, xOf(41) - 2, barY(2) + 6)).toMatchObject({ kind: "print", ident: 2, tMs: 41 });
  });

  it("finds spans and pool tasks in their rows", () => {
    const main = layout.threads.get(1)!;
    expect(hitTest(input, xOf(12), AXIS_PX + main.y + threadRows(main).spanY(0) + 5)).toMatchObject({ kind: "span", startMs: 10, endMs: 40 });
    const worker = layout.threads.get(3)!;
    const task = hitTest(input, xOf(20), AXIS_PX + worker.y + threadRows(worker).taskY + 5);
    expect(task).toMatchObject({ kind: "task", task: 0, poolId: POOL_20, startMs: 10, endMs: 30 });
    expect(describeHit(model, task!)!.title).toBe("task #0 · Pool 20");
  });

  it("describes nothing past the trace's cap, where nothing was recorded", () => {
    const m = scenario();
    m.cappedAtMs = 30;
    const capped = { ...input, model: m };
    // The wait from 20 to 33 straddles the cap: known only up to it.
    const straddling = hitTest(capped, xOf(25), barY(2));
    expect(straddling).toMatchObject({ kind: "state", ident: 2, startMs: 20, endMs: 33 });
    expect(Object.fromEntries(describeHit(m, straddling!)!.rows)).toMatchObject({ to: "not recorded after 30.000 ms", lasted: "at least 10.00 ms" });
    const past = hitTest(capped, xOf(35), barY(2));
    expect(past).toMatchObject({ kind: "lane" });
    expect(describeHit(m, past!)).toBeNull();
  });

  it("says what a task runs and which items a chunk of map holds, by which chunksize", () => {
    const m = scenario();
    const label = objRef(ObjKind.Label, 900);
    m.labels.set(label, "square(item)");
    m.labels.set(POOL_20, "pool");
    // 13 items by 4: items 8-11, then the last chunk, item 12; then a chunk of a map that chose its chunksize (2).
    m.add(3, 30, EventKind.PoolChunk, 4, 4);
    m.add(3, 30, EventKind.PoolTaskLabel, 0, label);
    m.add(3, 30, EventKind.PoolTaskStart, 8, POOL_20);
    m.add(3, 34, EventKind.PoolTaskEnd, 8, POOL_20);
    m.add(3, 34, EventKind.PoolChunk, 1, 4);
    m.add(3, 34, EventKind.PoolTaskStart, 12, POOL_20);
    m.add(3, 36, EventKind.PoolTaskEnd, 12, POOL_20);
    m.add(3, 36, EventKind.PoolChunk, 2, -2);
    m.add(3, 36, EventKind.PoolTaskStart, 2, POOL_20);
    m.add(3, 39, EventKind.PoolTaskEnd, 2, POOL_20);
    const l = layoutLanes(m);
    const worker = l.threads.get(3)!;
    const at = (tMs: number) => hitTest({ ...input, model: m, layout: l }, xOf(tMs), AXIS_PX + worker.y + threadRows(worker).taskY + 5)!;
    expect(at(32)).toMatchObject({ kind: "task", task: 8, items: 4, chunksize: 4, label });
    const full = describeHit(m, at(32))!;
    expect(full.title).toBe("map chunk: items 8–11 · pool");
    expect(Object.fromEntries(full.rows)).toEqual(expect.objectContaining({ runs: "square(item)", chunk: "4 items of map with chunksize 4" }));
    expect(full.rows.map(([key]) => key)).not.toContain("chunksize");
    const last = describeHit(m, at(35))!;
    expect(last.title).toBe("map chunk: item 12 · pool");
    expect(Object.fromEntries(last.rows).chunk).toBe("1 item of map with chunksize 4: the last chunk, the items left over");
    const chosen = describeHit(m, at(37.5))!;
    expect(Object.fromEntries(chosen.rows)).toMatchObject({ chunk: "2 items of map with chunksize 2", chunksize: "chosen by map: the items ÷ (4 × the workers), rounded up" });
    const zh = describeHit(m, at(35), undefined, ZH_WORDS)!;
    expect(zh.title).toBe("map 分块：第 12 项 · pool");
    expect(Object.fromEntries(zh.rows).分块).toBe("map 的 1 项，chunksize 为 4：最后一块，剩下的项");
    // The call before them keeps its own number.
    expect(describeHit(m, at(20))!.title).toBe("task #0 · pool");
  });

  it("finds lock holds with their hand-over, and queue operations with their pair", () => {
    const lock = layout.locks.get(LOCK_9)!;
    const hold = hitTest(input, xOf(33.5), AXIS_PX + lock.y + 8);
    expect(hold).toMatchObject({ kind: "hold", ident: 2, startMs: 33, waitStartMs: 20 });
    expect(Object.fromEntries(describeHit(model, hold!)!.rows)["got it from"]).toBe("MainThread (released at 32.000 ms)");
    const queue = layout.queues.get(QUEUE_7)!;
    const put = hitTest(input, xOf(35), AXIS_PX + queue.y + 10);
    expect(put).toMatchObject({ kind: "queue-op", put: true, k: 1, ident: 1 });
    expect(Object.fromEntries(describeHit(model, put!)!.rows)["got by"]).toMatch(/^Thread-1 at 50.000 ms/);
    expect(hitTest(input, xOf(45), AXIS_PX + queue.y + 10)).toMatchObject({ kind: "counter", value: 1 });
  });

  it("pairs no put with a get where the queue does not keep their order (a LifoQueue)", () => {
    const lifo = objRef(ObjKind.LifoQueue, 7);
    const m = scenario(lifo);
    const lifoInput: FrameInput = { ...input, model: m, layout: layoutLanes(m) };
    const lane = lifoInput.layout.queues.get(lifo)!;
    const put = hitTest(lifoInput, xOf(35), AXIS_PX + lane.y + 10);
    expect(put).toMatchObject({ kind: "queue-op", put: true, k: 1, ident: 1 });
    expect(Object.fromEntries(describeHit(m, put!)!.rows)["got by"]).toBe("not recorded: this queue does not give items back in the order they were put");
    expect(Object.fromEntries(describeHit(m, put!, undefined, ZH_WORDS)!.rows)["取走者"]).toBe("未记录：这种队列不按放入的顺序取出");
  });

  it("misses outside the time area and below the lanes", () => {
    expect(hitTest(input, GUTTER_PX - 5, barY(1))).toBeNull();
    expect(hitTest(input, xOf(10), AXIS_PX + layout.heightPx + 5)).toBeNull();
  });
});
