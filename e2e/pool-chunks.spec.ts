// Pool.map hands its items to the workers in chunks (Python's chunksize),
// and the timeline says so (issue 12, "a timeline that never lies"): each
// chunk's box is named by the items it holds, its hover card says it is a
// chunk of map and by which chunksize (the last one holding what was left),
// a call submitted alone keeps its own task number, and the exported trace
// names the same boxes. The boxes and cards are read from the timeline
// itself (debug.poolTasks calls what the canvas and the hover card call),
// in English and in Chinese; 13 items in chunks of 4 on 2 workers read as
// items 0-3, 4-7, 8-11 and 12.
import { apiTest as test, expect, describeRun, outputTexts, runLong as run, expectOk } from "./fixtures";
import type { PoolTaskBox } from "../src/timeline/task-boxes";

type Debug = { playground: { debug: { poolTasks(lang?: "en" | "zh"): PoolTaskBox[] }; getTrace(): unknown } };

const SNIPPET = `import { Pool, print } from "playground";
function square(x: number) { return x * x; }
const pool = new Pool(2);
print(pool.map(square, Array.from({ length: 13 }, (_, i) => i), 4).join(","));
print(pool.apply(square, [5]));
pool.close();
pool.join();`;

test("Pool.map's chunks are boxes of the items they hold, with their chunksize; a call alone keeps its number", async ({ playground }) => {
  const result = await run(playground, SNIPPET);
  expectOk(result);
  expect(outputTexts(result), describeRun(result)).toEqual(["0,1,4,9,16,25,36,49,64,81,100,121,144", "25"]);

  const boxes = (lang: "en" | "zh") => playground.evaluate((l) => (window as unknown as Debug).playground.debug.poolTasks(l), lang);
  const en = await boxes("en");
  const chunks = en.filter((b) => b.items > 0).sort((a, b) => a.first - b.first);
  expect(chunks.map((b) => [b.box, b.first, b.items, b.chunksize])).toEqual([
    ["items 0–3", 0, 4, 4], ["items 4–7", 4, 4, 4], ["items 8–11", 8, 4, 4], ["item 12", 12, 1, 4],
  ]);
  for (const b of en) {
    expect(["PoolWorker-1", "PoolWorker-2"]).toContain(b.worker);
    expect(b.pool).toBe("pool");
    expect(b.endMs).toBeGreaterThanOrEqual(b.startMs);
  }
  // Each worker runs one chunk at a time: its boxes never overlap.
  for (const worker of new Set(en.map((b) => b.worker))) {
    const own = en.filter((b) => b.worker === worker).sort((a, b) => a.startMs - b.startMs);
    for (let i = 1; i < own.length; i++) expect(own[i].startMs).toBeGreaterThanOrEqual(own[i - 1].endMs);
  }

  // The hover cards: a chunk of map, by which chunksize; the last chunk says why it is short.
  expect(chunks[0].title).toBe("map chunk: items 0–3 · pool");
  expect(Object.fromEntries(chunks[0].rows)).toMatchObject({ runs: "square(item)", chunk: "4 items of map with chunksize 4" });
  expect(chunks[3].title).toBe("map chunk: item 12 · pool");
  expect(Object.fromEntries(chunks[3].rows).chunk).toBe("1 item of map with chunksize 4: the last chunk, the items left over");

  // apply's call is a task of its own, numbered among the pool's calls, not among map's items.
  const calls = en.filter((b) => b.items === 0);
  expect(calls.map((b) => [b.box, b.title])).toEqual([["task #0 square(5)", "task #0 · pool"]]);

  // The same boxes in Chinese.
  const zh = (await boxes("zh")).filter((b) => b.items > 0).sort((a, b) => a.first - b.first);
  expect(zh.map((b) => b.box)).toEqual(["第 0–3 项", "第 4–7 项", "第 8–11 项", "第 12 项"]);
  expect(zh[3].title).toBe("map 分块：第 12 项 · pool");

  // The exported trace names the slices as the boxes, with the chunksize in args.
  type Event = { name?: string; cat?: string; args?: { chunksize?: number; pool?: string } };
  const trace = (await playground.evaluate(() => (window as unknown as Debug).playground.getTrace())) as { traceEvents: Event[] };
  const tasks = trace.traceEvents.filter((e) => e.cat === "task");
  expect(tasks.map((e) => e.name).sort()).toEqual(["item 12", "items 0–3", "items 4–7", "items 8–11", "task #0: square(5)"]);
  expect(tasks.filter((e) => e.name!.startsWith("item")).every((e) => e.args?.chunksize === 4 && e.args.pool === "pool")).toBe(true);
});
