// Process pools: map, applyAsync with a callback, and how a pool ends
// (close/join versus terminate).

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const POOL_EXAMPLES: Example[] = withCodeZh([
  {
    id: "pool-map",
    topic: "pools",
    expectedStatus: "ok",
    expectedOutput: "results: 0 1 4 9 16 25 36 49 64 81 100 121 144",
    code: `// Pool.map: apply a function to every item, in parallel on worker processes.
import { Pool, currentProcess, getpid, print, sleep } from "playground";

function square(x: number) {
  print(currentProcess().name, "(pid " + getpid() + ") handles", x);
  sleep(30); // pretend it takes a while
  return x * x;
}

print("main: pid", getpid());
const p = new Pool(3); // 3 worker processes: PoolWorker-1..3
const items = Array.from({ length: 13 }, (_, i) => i);
const results = p.map(square, items); // blocks until all 13 are done
print("results:", results.join(" ")); // always in input order
p.close();
p.join();
`,
    commentsZh: {
      "Pool.map: apply a function to every item, in parallel on worker processes.": "Pool.map：把一个函数应用到每个数据上，由多个工作进程并行处理。",
      "pretend it takes a while": "假装这要花一些时间",
      "3 worker processes: PoolWorker-1..3": "3 个工作进程：PoolWorker-1..3",
      "blocks until all 13 are done": "阻塞，直到 13 个数据全部处理完",
      "always in input order": "结果总是按输入的顺序",
    },
    text: {
      en: {
        title: "Pool.map over a process pool",
        explanation:
          "new Pool(3) starts three worker processes; map(fn, items) hands the 13 items out to them and blocks until every result is back, in input order. " +
          "The print lines show which PoolWorker handled which item. " +
          "map does not send the items one by one: like Python's, it cuts them into chunks (here of 2, from the pool's size; pass a chunksize to choose). " +
          "On the timeline each chunk is a box on the lane of the worker that ran it, labelled with its items (items 0–1, items 2–3 ...), and the pool's pending-task count goes down as the workers pick them up.",
      },
      zh: {
        title: "进程池的 map",
        explanation:
          "new Pool(3) 创建拥有 3 个进程的进程池；map(fn, items) 与内置的 map 用法基本一致，把 13 个数据分给这些进程处理，并阻塞直到所有结果返回，结果保持输入的顺序。" +
          "输出显示了每个数据是由哪个 PoolWorker 处理的。" +
          "map 并不是一个一个地发送数据：和 Python 一样，它把数据切成块（这里每块 2 个，由进程池的大小决定；也可以传入 chunksize 自己选）。" +
          "在时间线上，每一块是画在执行它的工作进程泳道上的一个方框，标着它包含的数据（第 0–1 项、第 2–3 项……），进程池中待处理的任务数随之减少。",
      },
    },
  },
  {
    id: "pool-apply-async",
    topic: "pools",
    expectedStatus: "ok",
    expectedOutput: /Waiting for all subprocesses done\.\.\.[\s\S]*All subprocesses done\. results 0,1,2,3,4/,
    code: `// applyAsync: submit tasks without waiting; a callback receives each result.
import { Pool, getpid, print, sleep, now } from "playground";

function longTimeTask(name: number) {
  print("Run task " + name + " (" + getpid() + ")...");
  const start = now();
  sleep(100 + 60 * ((name * 7) % 4)); // tasks take different times
  const seconds = ((now() - start) / 1000).toFixed(2);
  print("Task " + name + " runs " + seconds + " seconds.");
  return name;
}

// Runs in MainThread, the thread that owns the pool, while it waits on the pool.
function onDone(name: number) {
  print("callback: task " + name + " is done");
}

print("Parent process " + getpid() + ".");
const p = new Pool(4); // at most 4 tasks run at once
const pending = [];
for (let i = 0; i < 5; i++) {
  pending.push(p.applyAsync(longTimeTask, [i], { callback: onDone }));
}
print("Waiting for all subprocesses done...");
p.close(); // no more tasks
p.join();  // wait for the workers to finish the queued tasks and exit
print("All subprocesses done. results " + pending.map((r) => r.get()).join(","));
`,
    commentsZh: {
      "applyAsync: submit tasks without waiting; a callback receives each result.": "applyAsync：提交任务而不等待；每个结果由回调函数接收。",
      "tasks take different times": "各个任务的耗时不同",
      "Runs in MainThread, the thread that owns the pool, while it waits on the pool.": "回调在拥有进程池的主线程里执行，就在主线程等待进程池的时候。",
      "at most 4 tasks run at once": "同时最多运行 4 个任务",
      "no more tasks": "不再接受新的任务",
      "wait for the workers to finish the queued tasks and exit": "等待工作进程做完排队的任务并退出",
    },
    text: {
      en: {
        title: "Pool.applyAsync with a callback",
        explanation:
          "applyAsync(fn, args, { callback }) queues a task and returns an AsyncResult at once; the callback receives the result, in the thread that owns the pool (its calls show on MainThread's lane). " +
          "With a pool of 4, tasks 0-3 start at once and task 4 waits until one of them has finished. " +
          "close() says no more tasks will come and join() then waits for the workers; on the timeline, task 4's box starts on whichever worker freed up first.",
      },
      zh: {
        title: "进程池的 applyAsync 与回调",
        explanation:
          "applyAsync(fn, args, { callback }) 是非阻塞的：提交任务后立即返回一个 AsyncResult，结果由回调函数接收，回调在拥有进程池的线程（这里是主线程）里执行，时间线上显示在主线程的泳道上。" +
          "进程池的大小为 4，所以任务 0 到 3 立即执行，任务 4 要等前面某个任务完成后才能执行。" +
          "close() 关闭进程池，不再接受新的任务，之后 join() 等待所有工作进程结束；在时间线上，任务 4 的方框出现在最先空闲的那个工作进程上。",
      },
    },
  },
  {
    id: "pool-close-terminate",
    topic: "pools",
    expectedStatus: "ok",
    expectedOutput: /join\(\) before close\(\): ValueError[\s\S]*after close\(\): ValueError[\s\S]*terminated: task ready = false/,
    code: `// How a pool ends: close() then join() finishes the queued work;
// terminate() stops it now.
import { Pool, print, sleep } from "playground";

function work(ms: number) {
  sleep(ms);
  return ms;
}

// 1. join() is only allowed after close() or terminate().
const pool = new Pool(2);
try {
  pool.join();
} catch (e) {
  print("join() before close(): " + (e as Error).name);
}
const r = pool.applyAsync(work, [100]);
pool.close();
try {
  pool.applyAsync(work, [1]);
} catch (e) {
  print("submit after close(): " + (e as Error).name);
}
pool.join(); // the task submitted before close() still runs
print("closed and joined: result", r.get());

// 2. terminate() stops the workers at once, even in the middle of a task.
const pool2 = new Pool(2);
const slow = pool2.applyAsync(work, [2000]);
sleep(100);
pool2.terminate();
pool2.join();
print("terminated: task ready = " + slow.ready());
`,
    commentsZh: {
      "How a pool ends: close() then join() finishes the queued work;\n// terminate() stops it now.":
        "进程池的两种结束方式：先 close() 再 join()，会做完排队的任务；\n// terminate() 则立即停止。",
      "1. join() is only allowed after close() or terminate().": "1. 只有在 close() 或 terminate() 之后才能调用 join()。",
      "the task submitted before close() still runs": "close() 之前提交的任务仍会执行",
      "2. terminate() stops the workers at once, even in the middle of a task.": "2. terminate() 立即停止工作进程，即使任务才执行到一半。",
    },
    text: {
      en: {
        title: "close(), join() and terminate()",
        explanation:
          "close() stops the pool from taking new tasks (submitting afterwards raises ValueError), lets the queued tasks finish, and join() waits for the workers to exit; join() before close() or terminate() is a ValueError. " +
          "terminate() ends the workers at once: the 2-second task never finishes and its result never becomes ready. " +
          "On the timeline the second pool's worker lanes end as stopped in the middle of the task box.",
      },
      zh: {
        title: "close()、join() 与 terminate()",
        explanation:
          "close() 关闭进程池，使其不再接受新的任务（之后再提交会抛出 ValueError），已排队的任务照常完成；join() 等待工作进程退出，它必须在 close() 或 terminate() 之后使用，否则是 ValueError。" +
          "terminate() 立即结束工作进程，不再处理未完成的任务：那个 2 秒的任务永远不会完成，结果也不会就绪。" +
          "在时间线上，第二个进程池的工作进程泳道在任务方框中间就以“已停止”结束。",
      },
    },
  },
]);
