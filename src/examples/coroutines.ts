// Coroutines (asyncio): many tasks taking turns on one thread's event loop.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const COROUTINE_EXAMPLES: Example[] = withCodeZh([
  {
    id: "asyncio-gather",
    topic: "coroutines",
    expectedStatus: "ok",
    expectedOutput: /results: page-a, page-b, page-c/,
    code: `// asyncio.run and gather: three coroutines wait at the same time, on one thread.
import { asyncio, print, now, currentThread } from "playground";

async function fetchPage(name: string, ms: number) {
  print("start", name, "on", currentThread().name);
  await asyncio.sleep(ms); // gives the loop to the other coroutines while waiting
  print("done", name);
  return "page-" + name;
}

async function main() {
  const start = now();
  const results = await asyncio.gather(
    fetchPage("a", 300),
    fetchPage("b", 200),
    fetchPage("c", 100),
  );
  print("results: " + results.join(", "));
  // About the longest wait (300 ms), not the sum (600 ms).
  print("took " + Math.round(now() - start) + " ms");
}

asyncio.run(main);
`,
    commentsZh: {
      "asyncio.run and gather: three coroutines wait at the same time, on one thread.": "asyncio.run 与 gather：三个协程在同一个线程上同时等待。",
      "gives the loop to the other coroutines while waiting": "等待时把事件循环让给其他协程",
      "About the longest wait (300 ms), not the sum (600 ms).": "总耗时约为最长的一次等待（300 毫秒），而不是总和（600 毫秒）。",
    },
    text: {
      en: {
        title: "Coroutines: asyncio.run and gather",
        explanation:
          "asyncio.run(main) runs the coroutine main on this thread's event loop; gather() runs several coroutines concurrently and returns their results in order. " +
          "Every await asyncio.sleep() hands the loop to another coroutine, so the three waits overlap and the whole takes about 300 ms instead of 600 ms, all on MainThread. " +
          "On the timeline the coroutines are sub-lanes of MainThread: short running bits between long waits at an await.",
      },
      zh: {
        title: "协程：asyncio.run 与 gather",
        explanation:
          "asyncio.run(main) 在当前线程的事件循环上运行协程 main；gather() 并发运行多个协程，并按顺序返回它们的结果。" +
          "每次 await asyncio.sleep() 都会把事件循环让给别的协程，所以三段等待互相重叠，总共只用约 300 毫秒而不是 600 毫秒，而且全都在主线程上。" +
          "在时间线上，协程显示为主线程的子泳道：在 await 处的长时间等待之间，只有很短的运行片段。",
      },
    },
  },
  {
    id: "asyncio-create-task",
    topic: "coroutines",
    expectedStatus: "ok",
    expectedOutput: /downloader finished 3 files[\s\S]*ticker ticked/,
    code: `// createTask: schedule a coroutine to run in the background while main goes on.
import { asyncio, print } from "playground";

async function ticker(times: number) {
  for (let i = 1; i <= times; i++) {
    print("tick", i);
    await asyncio.sleep(100);
  }
  return times;
}

async function downloader() {
  for (const file of ["x.txt", "y.txt", "z.txt"]) {
    await asyncio.sleep(120);
    print("downloaded", file);
  }
  return 3;
}

async function main() {
  // Each coroutine runs to its first await right here; its task goes on when main awaits.
  const tick = asyncio.createTask(ticker(4), { name: "ticker" });
  const down = asyncio.createTask(downloader(), { name: "downloader" });
  print("tasks created:", tick.getName(), down.getName());
  print("downloader finished " + (await down) + " files");
  print("ticker ticked " + (await tick) + " times, done: " + tick.done());
}

asyncio.run(main);
`,
    commentsZh: {
      "createTask: schedule a coroutine to run in the background while main goes on.": "createTask：安排一个协程在后台运行，main 同时继续往下执行。",
      "Each coroutine runs to its first await right here; its task goes on when main awaits.": "每个协程在这里就先运行到它的第一个 await；之后 main 一 await，它的任务就接着运行。",
    },
    text: {
      en: {
        title: "Tasks with asyncio.createTask",
        explanation:
          "createTask() wraps a coroutine in a Task and schedules it on the event loop. In Python the task starts running once the current coroutine awaits; " +
          "JavaScript runs an async function up to its first await as soon as it is called, so \"tick 1\" prints before \"tasks created\", and the rest runs as main awaits. " +
          "The ticker and the downloader interleave their output, although they run on one thread, because each await lets the other one go on. " +
          "On the timeline, each named task has its own sub-lane under MainThread.",
      },
      zh: {
        title: "用 asyncio.createTask 创建任务",
        explanation:
          "createTask() 把一个协程包装成任务并安排到事件循环上。在 Python 中，当前协程一 await，任务才开始运行；" +
          "JavaScript 调用 async 函数时就会把它运行到第一个 await，所以“tick 1”先于“tasks created”打印，其余部分在 main await 时运行。" +
          "ticker 和 downloader 的输出交替出现，尽管它们只在一个线程上运行，因为每次 await 都让另一个得以继续。" +
          "协程完全由程序控制，没有线程上下文切换的开销。在时间线上，每个具名任务在主线程下都有自己的子泳道。",
      },
    },
  },
  {
    id: "asyncio-blocking-sleep",
    topic: "coroutines",
    expectedStatus: "ok",
    // Only what no machine's speed can change: three blocking sleeps of 200 ms in a row take at least 600 ms.
    expectedOutput: /asyncio\.sleep: 3 waits took about \d+ ms[\s\S]*blocking sleep: 3 waits took about ([6-9]\d\d|\d{4,}) ms/,
    code: `// await asyncio.sleep() lets other coroutines run;
// the blocking sleep() stalls the whole loop.
import { asyncio, sleep, print, now } from "playground";

async function politeWait() {
  await asyncio.sleep(200); // suspends this coroutine only
}

async function rudeWait() {
  sleep(200); // blocks the thread, and with it every coroutine on its loop
}

async function timeIt(label: string, wait: () => Promise<void>) {
  const start = now();
  await asyncio.gather(wait(), wait(), wait());
  const took = Math.round((now() - start) / 200) * 200; // rounded to 200 ms steps
  print(label + ": 3 waits took about " + took + " ms");
}

async function main() {
  await timeIt("asyncio.sleep", politeWait);
  await timeIt("blocking sleep", rudeWait);
}

asyncio.run(main);
`,
    commentsZh: {
      "await asyncio.sleep() lets other coroutines run;\n// the blocking sleep() stalls the whole loop.":
        "await asyncio.sleep() 让其他协程得以运行；\n// 阻塞的 sleep() 则会卡住整个事件循环。",
      "suspends this coroutine only": "只挂起当前这个协程",
      "blocks the thread, and with it every coroutine on its loop": "阻塞线程，也就阻塞了它的事件循环上的所有协程",
      "rounded to 200 ms steps": "按 200 毫秒取整",
    },
    text: {
      en: {
        title: "asyncio.sleep versus a blocking sleep",
        explanation:
          "Coroutines only take turns at an await. await asyncio.sleep(200) suspends just that coroutine, so three of them wait together: about 200 ms. " +
          "The blocking sleep(200) never gives the loop back, so the three run one after the other: about 600 ms, and the output adds a hint about it. " +
          "On the timeline the first three sub-lanes wait in parallel; then MainThread's lane sleeps three times in a row, inside main's sub-lane: " +
          "in JavaScript, calling an async function runs it at once up to its first await, so each blocking sleep happens while main is still making gather's arguments " +
          "(in Python the three would block one after the other as tasks). Never block inside a coroutine.",
      },
      zh: {
        title: "asyncio.sleep 与阻塞的 sleep",
        explanation:
          "协程只在 await 处切换。await asyncio.sleep(200) 只挂起当前协程，所以三个协程一起等待，约 200 毫秒。" +
          "阻塞的 sleep(200) 不会把事件循环让出来，三个只能一个接一个地执行，约 600 毫秒，输出中也会给出提示。" +
          "在时间线上，前三条子泳道并行等待；之后主线程的泳道连续睡眠三次，而且是在 main 的子泳道里：" +
          "在 JavaScript 中，调用 async 函数会立即执行到它的第一个 await，所以每次阻塞的 sleep 都发生在 main 还在准备 gather 的参数时" +
          "（在 Python 中，这三个会作为任务依次阻塞）。协程中进行阻塞操作会阻塞掉整个程序，应当避免。",
      },
    },
  },
]);
