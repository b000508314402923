// The tutorials' programs (shared/seeds/), translated to TypeScript, run as
// a learner would run them, with the output order the tutorials explain.
import { apiTest as test, expect, runSnippet, outputTexts, describeRun } from "./fixtures";

test("Pool(4) runs five tasks: the fifth starts only after one of the first four finished", async ({ playground }) => {
  // Scenario (multiprocessing Pool): five applyAsync calls on a pool of four;
  // tasks 0-3 start at once on four workers, task 4 waits for a free one.
  const result = await runSnippet(playground, `
    import { Pool, getpid, print, sleep, now } from "playground";
    function longTimeTask(name: number) {
      print(\`Run task \${name} (\${getpid()}) at \${now().toFixed(0)}\`);
      const start = now();
      sleep(150 + 50 * name);
      print(\`Task \${name} runs \${((now() - start) / 1000).toFixed(2)} seconds, ends at \${now().toFixed(0)}\`);
    }
    print(\`Parent process \${getpid()}.\`);
    const p = new Pool(4);
    for (let i = 0; i < 5; i++) p.applyAsync(longTimeTask, [i]);
    print("Waiting for all subprocesses done...");
    p.close();
    p.join();
    print("All subprocesses done.");
  `, undefined, 30_000);
  expect(result.status, describeRun(result)).toBe("ok");
  const texts = outputTexts(result);
  expect(texts[0]).toMatch(/^Parent process \d+\.$/);
  expect(texts.at(-1)).toBe("All subprocesses done.");
  const startAt = (i: number) => Number(texts.find((t) => t.startsWith(`Run task ${i} `))!.match(/at (\d+)$/)![1]);
  const endAt = (i: number) => Number(texts.find((t) => t.startsWith(`Task ${i} runs`))!.match(/ends at (\d+)$/)![1]);
  const firstEnd = Math.min(...[0, 1, 2, 3].map(endAt));
  expect(startAt(4)).toBeGreaterThanOrEqual(firstEnd);
  const workers = new Set(result.threads.filter((t) => t.kind === "pool-worker").map((t) => t.name));
  expect([...workers].sort()).toEqual(["PoolWorker-1", "PoolWorker-2", "PoolWorker-3", "PoolWorker-4"]);
});

test("a writer process and a reader process talk through a Queue", async ({ playground }) => {
  // Scenario (process communication): the writer puts A, B, C; the reader
  // gets them in order, forever; the parent joins the writer, then
  // terminates the reader.
  const result = await runSnippet(playground, `
    import { Process, Queue, getpid, print, sleep } from "playground";
    function write(q: Queue<string>) {
      print(\`Process to write: \${getpid()}\`);
      for (const value of ["A", "B", "C"]) {
        print(\`Put \${value} to queue...\`);
        q.put(value);
        sleep(30);
      }
    }
    function read(q: Queue<string>) {
      print(\`Process to read: \${getpid()}\`);
      while (true) {
        const value = q.get(true);
        print(\`Get \${value} from queue.\`);
      }
    }
    const q = new Queue<string>();
    const pw = new Process({ target: write, args: [q] });
    const pr = new Process({ target: read, args: [q] });
    pw.start(); pr.start();
    pw.join();
    sleep(100);
    pr.terminate();
  `, undefined, 30_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result).filter((t) => t.startsWith("Get"))).toEqual(["Get A from queue.", "Get B from queue.", "Get C from queue."]);
  expect(result.threads.find((t) => t.name === "Process-2")?.state).toBe("stopped");
});

const BOUNDING_PRELUDE = `
  import { Thread, Queue, Lock, currentThread, print } from "playground";
  const handled: string[] = [];
  const log = new Queue<[string, number]>();
`;

test("bounding threads 1: static slices, every item handled once", async ({ playground }) => {
  // Scenario (example 1): 20 urls split into 4 slices urls[i::4], one thread each.
  const result = await runSnippet(playground, BOUNDING_PRELUDE + `
    const NOTIFY_THREADS = 4;
    const urls = Array.from({ length: 20 }, (_, i) => i);
    function sendUrls(slice: number[]) { for (const u of slice) log.put([currentThread().name, u]); }
    const threads = [];
    for (let index = 0; index < NOTIFY_THREADS; index++) {
      const th = new Thread({ target: sendUrls, args: [urls.filter((_, i) => i % NOTIFY_THREADS === index)] });
      th.start(); threads.push(th);
    }
    for (const th of threads) th.join();
    const seen: number[] = [];
    while (!log.empty()) seen.push(log.get()[1]);
    print(seen.sort((a, b) => a - b).join(","));
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual([Array.from({ length: 20 }, (_, i) => i).join(",")]);
});

test("bounding threads 2: hash-affinity shards keep one uid's items in order on one thread", async ({ playground }) => {
  // Scenario (example 2): products sharded by uid % 4; every uid's products
  // are handled by one thread, in their original order.
  const result = await runSnippet(playground, BOUNDING_PRELUDE + `
    const SEND_PRODUCT_THREAD = 4;
    const products = Array.from({ length: 60 }, (_, i) => ({ uid: i % 7, seq: i }));
    const shards = new Map<number, { uid: number; seq: number }[]>();
    for (const p of products) {
      const mo = p.uid % SEND_PRODUCT_THREAD;
      if (!shards.has(mo)) shards.set(mo, []);
      shards.get(mo)!.push(p);
    }
    const out = new Queue<[string, number, number]>();
    function sendProduct(list: { uid: number; seq: number }[]) { for (const p of list) out.put([currentThread().name, p.uid, p.seq]); }
    const threads = [...shards.values()].map((list) => new Thread({ target: sendProduct, args: [list] }));
    threads.forEach((t) => t.start()); threads.forEach((t) => t.join());
    const byUid = new Map<number, { threads: Set<string>; seqs: number[] }>();
    while (!out.empty()) {
      const [name, uid, seq] = out.get();
      if (!byUid.has(uid)) byUid.set(uid, { threads: new Set(), seqs: [] });
      byUid.get(uid)!.threads.add(name); byUid.get(uid)!.seqs.push(seq);
    }
    let ok = byUid.size === 7;
    for (const { threads, seqs } of byUid.values()) ok &&= threads.size === 1 && seqs.every((s, i) => i === 0 || s > seqs[i - 1]);
    print("one thread per uid, in order:", ok);
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["one thread per uid, in order: true"]);
});

test("bounding threads 3: workers pull from a queue until it is empty", async ({ playground }) => {
  // Scenario (example 3): 30 items in a Queue, 3 workers loop
  // `while (!q.empty()) q.getNowait()`; each item is handled exactly once and
  // the work spreads over the workers.
  const result = await runSnippet(playground, BOUNDING_PRELUDE + `
    const urlQueue = new Queue<number>();
    for (let i = 0; i < 30; i++) urlQueue.put(i);
    const done = new Queue<[string, number]>();
    function queueChild(q: Queue<number>) {
      while (!q.empty()) {
        let item: number;
        try { item = q.getNowait(); } catch { break; }
        done.put([currentThread().name, item]);
        q.taskDone();
      }
    }
    const tl = [1, 2, 3].map(() => new Thread({ target: queueChild, args: [urlQueue] }));
    tl.forEach((t) => t.start()); tl.forEach((t) => t.join());
    urlQueue.join();
    const items: number[] = [];
    while (!done.empty()) items.push(done.get()[1]);
    print(items.length, new Set(items).size);
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["30 30"]);
});
