// The timeline speaks Chinese when given ZH_WORDS: the hover card's rows,
// the lane labels and the text drawn on the canvas, while Python's names
// (Thread-1, Lock 9, Pool 20) stay as they are. Without words it is English.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "../trace/events";
import { objectName, stateName, waitTargetName } from "../trace/names";
import { ObjKind, objRef } from "../trace/object-kinds";
import { TimeScale } from "../trace/time-scale";
import { describeHit } from "./describe";
import { fakeContext } from "./fake-canvas";
import { type FrameInput } from "./frame";
import { hitTest } from "./hit-test";
import { LANE, layoutLanes, threadRows } from "./layout";
import { TimelineRenderer } from "./render";
import { runStats } from "./run-stats";
import { POOL_20, scenario } from "./test-scenario";
import { LIGHT_THEME } from "./theme";
import { EN_WORDS, ZH_WORDS } from "./words";
import { AXIS_PX, GUTTER_PX } from "./geometry";

const model = scenario();
const HAN = /[\u4e00-\u9fff]/;

describe("timeline words", () => {
  it("has every English key in Chinese, and every value in both is filled", () => {
    // `ZH_WORDS: TimelineWords` already makes the compiler check the keys; this checks the tables at run time too.
    expect(Object.keys(ZH_WORDS).sort()).toEqual(Object.keys(EN_WORDS).sort());
    for (const key of Object.keys(EN_WORDS) as (keyof typeof EN_WORDS)[]) {
      expect(typeof ZH_WORDS[key]).toBe(typeof EN_WORDS[key]);
    }
    for (let s = ThreadState.Starting; s <= ThreadState.Stopped; s++) {
      expect(stateName(s, ZH_WORDS)).toMatch(HAN);
      expect(stateName(s)).toBe(stateName(s, EN_WORDS));
    }
  });

  it("has no English in its Chinese words but Python's and the API's names", () => {
    // What may stay: the GIL, join, await, map and its chunksize (the API's words), the put/get the queue words gloss, and Python's CancelledError.
    const names = /\b(?:GIL|join|await|put|get|map|chunksize|CancelledError)\b|setTracing\((?:true|false)\)/g;
    const said: string[] = [];
    for (const value of Object.values(ZH_WORDS)) {
      if (typeof value === "string") said.push(value);
      else if (typeof value === "function") {
        const f = value as (...args: unknown[]) => unknown;
        let text: unknown;
        try {
          text = f(7, 7, 7, 7);
        } catch {
          text = f("名", "名", "名", "名");
        }
        said.push(String(text));
      } else said.push(...Object.values(value as Record<string, string>));
    }
    const english = said.filter((text) => /[A-Za-z]{2,}/.test(text.replace(names, "")));
    expect(english).toEqual([]);
  });

  it("describes a blocked wait in Chinese, keeping the thread and lock names", () => {
    const layout = layoutLanes(model, ZH_WORDS);
    const input: FrameInput = {
      model, layout, scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000), widthPx: GUTTER_PX + 1000, heightPx: 600,
      scrollY: 0, theme: LIGHT_THEME, words: ZH_WORDS, untilMs: 100, live: false,
    };
    const lane = layout.threads.get(2)!;
    const hit = hitTest(input, input.scale.msToPx(25), AXIS_PX + lane.y + threadRows(lane).barY + LANE.bar / 2)!;
    const text = describeHit(model, hit, undefined, ZH_WORDS)!;
    expect(text.title).toBe("Thread-1 · 等待锁");
    expect(Object.fromEntries(text.rows)).toMatchObject({
      开始: "20.000 ms", 结束: "33.000 ms", 持续: "13.00 ms",
      等待对象: "Lock 9", 持有者: "MainThread", 交接自: "MainThread，于 32.000 ms",
    });
    for (const [key] of text.rows) expect(key).toMatch(HAN);
    // The same hit without words reads as before.
    expect(describeHit(model, hit)!.title).toBe("Thread-1 · blocked on a lock");
  });

  it("labels lanes and draws canvas text in Chinese", () => {
    const labels = layoutLanes(model, ZH_WORDS).lanes.map((l) => l.label);
    expect(labels).toEqual(expect.arrayContaining(["MainProcess", "锁", "队列", "Pool 20 · 1 个工作者", "待处理任务", "Lock 9", "Queue 7"]));
    expect(labels).not.toContain("Locks");
    const { ctx, texts } = fakeContext();
    new TimelineRenderer().draw(ctx, {
      model, layout: layoutLanes(model, ZH_WORDS), scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000),
      widthPx: GUTTER_PX + 1000, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, words: ZH_WORDS, untilMs: 100, live: false,
    });
    const drawn = texts.map((t) => t.text);
    expect(drawn).toEqual(expect.arrayContaining(["自开始起的时间", "任务 #0"]));
    for (const english of ["time since start", "task #0", "Locks", "Queues", "pending tasks"]) expect(drawn).not.toContain(english);
  });

  it("names a chunk of map's box by its items, in either language, and by bare numbers where it is narrow", () => {
    const m = scenario();
    // At 20 px a ms, in the worker's life (to 40 ms): items 8-11 over 80 px, item 12 over 70, items 13-14 over 40 (no room for words).
    for (const [t, first, items, ms] of [[30, 8, 4, 4], [34, 12, 1, 3.5], [37.5, 13, 2, 2]]) {
      m.add(3, t, EventKind.PoolChunk, items, 4);
      m.add(3, t, EventKind.PoolTaskStart, first, POOL_20);
      m.add(3, t + ms, EventKind.PoolTaskEnd, first, POOL_20);
    }
    const drawn = (words: typeof EN_WORDS) => {
      const { ctx, texts } = fakeContext();
      new TimelineRenderer().draw(ctx, {
        model: m, layout: layoutLanes(m, words), scale: new TimeScale(0, 50, GUTTER_PX, GUTTER_PX + 1000),
        widthPx: GUTTER_PX + 1000, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, words, untilMs: 50, live: false,
      });
      return texts.map((t) => t.text);
    };
    expect(drawn(EN_WORDS)).toEqual(expect.arrayContaining(["task #0", "items 8–11", "item 12", "13–14"]));
    expect(drawn(ZH_WORDS)).toEqual(expect.arrayContaining(["任务 #0", "第 8–11 项", "第 12 项", "13–14"]));
  });

  it("names wait targets and stats in Chinese only when asked", () => {
    // Python's names stay; the words around them follow the language.
    expect(waitTargetName(model, objRef(ObjKind.Event, 4), ZH_WORDS)).toBe("Event 4");
    expect(waitTargetName(model, objRef(ObjKind.Thread, 2))).toBe("join Thread-1");
    expect(objectName(model, objRef(ObjKind.TaskQueue, 22), ZH_WORDS)).toBe("Pool 20 的结果队列");
    expect(objectName(model, objRef(ObjKind.TaskQueue, 22))).toBe("Pool 20 results");
    expect(runStats(model, 100, ZH_WORDS).threads.every((t) => HAN.test(t.end))).toBe(true);
    expect(runStats(model, 100).threads.every((t) => !HAN.test(t.end))).toBe(true);
  });
});
