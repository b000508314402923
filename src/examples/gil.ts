// The GIL (simulated: settings.gil): no speed-up for CPU-bound threads, a
// real one for I/O-bound threads, and a process per core as the way out.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const GIL_EXAMPLES: Example[] = withCodeZh([
  {
    id: "gil-cpu-bound",
    timing: true,
    topic: "gil",
    expectedStatus: "ok",
    settings: { gil: true },
    expectedOutput: /GIL on: true[\s\S]*one thread: \d+ ms[\s\S]*two threads: \d+ ms/,
    code: `// CPU-bound work with the GIL on: two threads take about as long
// as one thread doing both parts.
import { Thread, gilEnabled, print, now } from "playground";

print("GIL on: " + gilEnabled()); // the example turns the toolbar's GIL setting on

function count(n: number) {
  let x = 0;
  // Pure computation, no blocking.
  for (let i = 0; i < n; i++) x = (x + i * i) % 1_000_003;
  return x;
}

const N = 3_000_000;

let start = now();
count(N);
count(N);
print("one thread: " + Math.round(now() - start) + " ms");

start = now();
const threads = [1, 2].map(() => new Thread({ target: count, args: [N] }));
for (const t of threads) t.start();
for (const t of threads) t.join();
print("two threads: " + Math.round(now() - start) + " ms");
// Turn the GIL off in the toolbar and run again:
// two threads then take about half the time.
`,
    commentsZh: {
      "CPU-bound work with the GIL on: two threads take about as long\n// as one thread doing both parts.":
        "打开 GIL 时的 CPU 密集型任务：两个线程所用的时间\n// 和一个线程做完两份工作差不多。",
      "the example turns the toolbar's GIL setting on": "这个示例会打开工具栏上的 GIL 设置",
      "Pure computation, no blocking.": "纯计算，没有阻塞。",
      "Turn the GIL off in the toolbar and run again:\n// two threads then take about half the time.": "在工具栏关掉 GIL 再运行一次：\n// 两个线程大约只用一半的时间。",
    },
    text: {
      en: {
        title: "The GIL and CPU-bound threads",
        explanation:
          "With the GIL, only one thread of a process runs Python code at a time, so splitting pure computation over two threads gives no speed-up. " +
          "On the timeline the two lanes take turns: while one runs, the other shows 'waiting for the GIL', and they swap every switch interval (5 ms). " +
          "Turn the GIL off in the toolbar and run again: the two threads then truly run in parallel.",
      },
      zh: {
        title: "全局解释器锁 GIL 与 CPU 密集型线程",
        explanation:
          "有了全局解释器锁 GIL，一个进程中同一时刻只有一个线程在解释器中运行，所以把纯计算任务分给两个线程并不会更快。" +
          "在时间线上两条泳道轮流运行：一个在运行时，另一个显示“等待 GIL”，每隔一个切换间隔（5 毫秒）交换一次。" +
          "在工具栏关掉 GIL 再运行一次，两个线程就真正并行了。",
      },
    },
  },
  {
    id: "gil-io-bound",
    topic: "gil",
    expectedStatus: "ok",
    settings: { gil: true },
    expectedOutput: /4 downloads in \d+ ms/,
    code: `// I/O-bound work with the GIL on:
// a thread that waits (here: sleeps) gives the GIL up.
import { Thread, gilEnabled, print, sleep, now, currentThread } from "playground";

print("GIL on: " + gilEnabled());

function download(url: string) {
  print(currentThread().name, "requests", url);
  sleep(200); // waiting for the network: the GIL is released meanwhile
  print(currentThread().name, "received", url);
}

const start = now();
const urls = ["/a", "/b", "/c", "/d"];
const threads = urls.map((u) => new Thread({ target: download, args: [u] }));
for (const t of threads) t.start();
for (const t of threads) t.join();
// About one download's time (200 ms), not four (800 ms): the waits overlapped.
print(urls.length + " downloads in " + Math.round(now() - start) + " ms");
`,
    commentsZh: {
      "I/O-bound work with the GIL on:\n// a thread that waits (here: sleeps) gives the GIL up.":
        "打开 GIL 时的 I/O 密集型任务：\n// 线程在等待（这里是 sleep）时会释放 GIL。",
      "waiting for the network: the GIL is released meanwhile": "等待网络：这期间 GIL 被释放",
      "About one download's time (200 ms), not four (800 ms): the waits overlapped.": "总耗时约为一次下载的时间（200 毫秒），而不是四次（800 毫秒）：几段等待重叠了。",
    },
    text: {
      en: {
        title: "The GIL and I/O-bound threads",
        explanation:
          "A thread gives up the GIL whenever it blocks: on I/O, sleep(), a lock, a queue or join(). " +
          "So four threads that mostly wait finish in about the time of one download, not four, even with the GIL on. " +
          "On the timeline the four lanes sleep side by side; the short running bits where they print are the only moments they need the GIL.",
      },
      zh: {
        title: "全局解释器锁 GIL 与 I/O 密集型线程",
        explanation:
          "线程在阻塞时会释放 GIL：等待 I/O、sleep()、锁、队列或 join() 时都是如此。" +
          "所以即使打开了 GIL，四个大部分时间都在等待的线程，总耗时也只相当于一次下载，而不是四次。因为 GIL 的存在，只有 I/O 密集型场景下多线程才会得到较好的性能。" +
          "在时间线上，四条泳道并排处于睡眠状态；只有打印时那一小段运行才需要 GIL。",
      },
    },
  },
  {
    id: "gil-processes",
    timing: true,
    topic: "gil",
    expectedStatus: "ok",
    settings: { gil: true },
    expectedOutput: /two threads: \d+ ms[\s\S]*two processes: \d+ ms/,
    code: `// Each process has its own GIL: CPU-bound work in two processes
// runs in parallel, even with the GIL on.
import { Thread, Process, print, now } from "playground";

function count(n: number) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x + i * i) % 1_000_003;
  return x;
}

const N = 3_000_000;

let start = now();
const threads = [1, 2].map(() => new Thread({ target: count, args: [N] }));
for (const t of threads) t.start();
for (const t of threads) t.join();
print("two threads: " + Math.round(now() - start) + " ms");

start = now();
const procs = [1, 2].map(() => new Process({ target: count, args: [N] }));
for (const p of procs) p.start();
for (const p of procs) p.join();
print("two processes: " + Math.round(now() - start) + " ms");
`,
    commentsZh: {
      "Each process has its own GIL: CPU-bound work in two processes\n// runs in parallel, even with the GIL on.":
        "每个进程都有自己的 GIL：两个进程中的 CPU 密集型任务\n// 即使打开了 GIL 也能并行运行。",
    },
    text: {
      en: {
        title: "Processes each have their own GIL",
        explanation:
          "The GIL is per process: the two threads share one and take turns, while the two processes each hold their own and run at the same time on two cores. " +
          "So with the GIL, CPU-bound work is made parallel with processes (multiprocessing), not threads. " +
          "On the timeline, the thread lanes alternate with 'waiting for the GIL'; the Process lanes run side by side without waiting.",
      },
      zh: {
        title: "每个进程都有自己的 GIL",
        explanation:
          "一个 Python 进程中 GIL 只有一个，多进程有各自独立的 GIL，互不影响：两个线程共用一个 GIL，只能轮流运行；两个进程各有自己的 GIL，可以在两个核上同时运行。" +
          "所以有 GIL 时，CPU 密集型任务要用多进程而不是多线程来并行。" +
          "在时间线上，线程泳道交替出现“等待 GIL”，而进程泳道并排运行，无需等待。",
      },
    },
  },
]);
