// The renderer end to end on a recording context: bars in the states'
// colours, lane names, and the cost of a million-event frame in Node.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "../trace/events";
import { TimeScale } from "../trace/time-scale";
import { syntheticModel } from "./bench";
import { fakeContext } from "./fake-canvas";

import { layoutLanes } from "./layout";
import { TimelineRenderer } from "./render";
import { LOCK_9, scenario } from "./test-scenario";
import { ZH_WORDS } from "./words";
import { LIGHT_THEME } from "./theme";
import { GUTTER_PX } from "./geometry";

describe("TimelineRenderer", () => {
  it("draws every state as a bar in its colour, and names the lanes", () => {
    const model = scenario();
    const { ctx, rects, texts } = fakeContext();
    const stats = new TimelineRenderer().draw(ctx, {
      model, layout: layoutLanes(model), scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000),
      widthPx: GUTTER_PX + 1000, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, untilMs: 100, live: false,
      deadlock: { cycle: [{ thread: "Thread-1", waitsFor: "Lock 9", heldBy: "MainThread" }] },
    });
    const colors = new Set(rects.map((r) => r.color));
    for (const s of [ThreadState.Running, ThreadState.Blocked, ThreadState.Sleeping]) expect(colors.has(LIGHT_THEME.states[s])).toBe(true);
    const sleeping = rects.find((r) => r.color === LIGHT_THEME.states[ThreadState.Sleeping])!;
    expect(sleeping.x).toBeCloseTo(GUTTER_PX + 250, 6);
    expect(sleeping.w).toBeCloseTo(50, 6);
    const words = texts.map((t) => t.text);
    expect(words).toEqual(expect.arrayContaining(["MainProcess", "MainThread", "Thread-1", "PoolWorker-1", "Lock 9", "Queue 7", "produce", "task #0"]));
    expect(stats.arrows).toBeGreaterThanOrEqual(3); // one hand-over, two queue items
  });

  it("names a lock's lane even where its figure would leave no room for the name", () => {
    // A lock contended on 730,000 of 6,000,000 acquisitions, in Chinese: the figure alone fills the gutter
    // (on a phone, "73/600000 次需等待" did, in its real font).
    const model = scenario();
    const lock = model.locks.get(LOCK_9)!;
    lock.acquisitions = 6_000_000;
    lock.contended = 730_000;
    const { ctx, texts } = fakeContext();
    new TimelineRenderer().draw(ctx, {
      model, layout: layoutLanes(model, ZH_WORDS), scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 300),
      widthPx: GUTTER_PX + 300, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, words: ZH_WORDS, untilMs: 100, live: false,
    });
    expect(texts.map((t) => t.text)).toContain("Lock 9");
  });

  it("hatches the object lanes, not the threads', where a thread's tracing was off", () => {
    // Thread 1 calls setTracing(false) at 50 and setTracing(true) at 85: over [50, 85) the lock, queue and pool lanes
    // miss its acquires, releases, puts, gets and tasks (its states are still recorded).
    const model = scenario();
    model.add(1, 50, EventKind.Tracing, 0, 0);
    model.add(1, 85, EventKind.Tracing, 1, 0);
    const layout = layoutLanes(model);
    const { ctx, rects, texts, clips } = fakeContext();
    new TimelineRenderer().draw(ctx, {
      model, layout, scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000),
      widthPx: GUTTER_PX + 1000, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, untilMs: 100, live: false,
    });
    const hatched = clips.filter((r) => r.x === GUTTER_PX + 500);
    const objectLanes = layout.lanes.filter((lane) => lane.kind === "lock" || lane.kind === "queue" || lane.kind === "pool");
    const widthOf = (kind: string) => hatched.find((r) => r.h === objectLanes.find((lane) => lane.kind === kind)!.height)?.w;
    expect(hatched).toHaveLength(objectLanes.length);
    expect(widthOf("pool")).toBe(350);
    // No put or get was recorded after the span: the queue's depth from then on rests on what it missed (to the end,
    // 100); nor was any hold of the lock: one MainThread took unrecorded may have lasted to the end too.
    expect(widthOf("queue")).toBe(500);
    expect(widthOf("lock")).toBe(500);
    expect(texts.filter((t) => t.text.startsWith("MainThread's operations not recorded"))).toHaveLength(objectLanes.length);
    // See-through: the holds and depths the other thread recorded there are drawn and true (nothing painted over them).
    expect(rects.filter((r) => r.color === LIGHT_THEME.background && r.x === GUTTER_PX + 500)).toEqual([]);
    expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(["setTracing(false)", "setTracing(true)"]));
  });

  it("hatches a lock's lane on past the span while the hold its thread had then is still drawn", () => {
    // Thread 1 takes Lock 9 at 45 and turns its tracing off at 50 (on again at 60): the release that ends
    // that hold was not recorded, so the hold drawn to the thread's end at 90 is not a record either.
    const model = scenario();
    model.add(1, 45, EventKind.LockAcquired, 0, LOCK_9);
    model.add(1, 50, EventKind.Tracing, 0, 0);
    model.add(1, 60, EventKind.Tracing, 1, 0);
    const layout = layoutLanes(model);
    const { ctx, clips } = fakeContext();
    new TimelineRenderer().draw(ctx, {
      model, layout, scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000),
      widthPx: GUTTER_PX + 1000, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, untilMs: 100, live: false,
    });
    const lockLane = layout.locks.get(LOCK_9)!;
    const hatch = clips.find((r) => r.x === GUTTER_PX + 500 && r.h === lockLane.height);
    const held = model.locks.get(LOCK_9)!.holds.get(1)!;
    expect(held.ends.data[held.length - 1]).toBeGreaterThan(60);
    expect(hatch?.w).toBe((Math.min(held.ends.data[held.length - 1], 100) - 50) * 10);
  });

  it("hatches a lock's lane until a hold recorded after the span begins, and merges a thread's many toggles into one hatch", () => {
    // Thread 2 toggles its tracing off and on 300 times between 50 and 80 (a lock taken unrecorded meanwhile may be
    // held past 80); MainThread's hold of Lock 9 recorded from 85 says who holds it from then on.
    const model = scenario();
    for (let k = 0; k < 300; k++) {
      model.add(2, 50 + k * 0.1, EventKind.Tracing, 0, 0);
      model.add(2, 50 + k * 0.1 + 0.05, EventKind.Tracing, 1, 0);
    }
    model.add(1, 85, EventKind.LockAcquired, 0, LOCK_9);
    model.add(1, 88, EventKind.LockReleased, 0, LOCK_9);
    const layout = layoutLanes(model);
    const { ctx, clips, texts } = fakeContext();
    new TimelineRenderer().draw(ctx, {
      model, layout, scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000),
      widthPx: GUTTER_PX + 1000, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, untilMs: 100, live: false,
    });
    const lockLane = layout.locks.get(LOCK_9)!;
    const onLock = clips.filter((r) => r.h === lockLane.height && r.x >= GUTTER_PX + 500);
    expect(onLock.map((r) => [r.x, r.w])).toEqual([[GUTTER_PX + 500, 350]]);
    expect(texts.filter((t) => t.text.startsWith("Thread-1's operations"))).toHaveLength(3);
  });

  it("merges a million events into a few thousand rectangles", () => {
    const model = syntheticModel(1_000_000);
    expect(model.eventCount).toBeGreaterThan(900_000);
    const { ctx } = fakeContext();
    const renderer = new TimelineRenderer();
    const input = {
      model, layout: layoutLanes(model), scale: new TimeScale(0, 10_000, GUTTER_PX, 1400),
      widthPx: 1400, heightPx: 900, scrollY: 0, theme: LIGHT_THEME, untilMs: 10_000, live: false,
    };
    renderer.draw(ctx, input);
    const stats = renderer.draw(ctx, input);
    expect(stats.rects).toBeLessThan(40_000);
    expect(stats.arrows).toBe(-1); // far too many to draw zoomed out
    console.log(`1M events, whole run in view: ${stats.ms.toFixed(1)} ms in Node, ${stats.intervals} intervals visited, ${stats.rects} rects`);
  });
});
