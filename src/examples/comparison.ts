// The one-click comparison of the GIL lessons (issue #5): the same CPU-bound
// and I/O-bound work done by threads under the GIL, threads without it (a
// free-threaded child process), processes and coroutines, each timed.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const comparisonExample: Example = withCodeZh({
  id: "gil-threads-processes-coroutines",
  timing: true,
  topic: "gil",
  expectedStatus: "ok",
  expectedOutput: /CPU-bound[\s\S]*threads, GIL[\s\S]*threads, no GIL[\s\S]*processes[\s\S]*coroutines[\s\S]*I\/O-bound/,
  code: `// playground: gil=on switchInterval=5
// The same work done four ways: threads under the GIL, threads without it
// (a free-threaded process), processes, and coroutines. First CPU-bound
// work (counting), then I/O-bound work (waiting). Compare the wall times,
// then look at the timeline: who ran at the same time, and who waited.
import { Thread, Process, asyncio, print, now, sleep } from "playground";

const JOBS = 4;
const N = 8_000_000;

function count(n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) x += i % 7;
  return x;
}
function cpuJob() { count(N); }
function ioJob() { sleep(100); }

function report(label: string, t0: number) {
  print(\`  \${label.padEnd(26)} \${Math.round(now() - t0)} ms\`);
}

function withThreads(job: () => void, label: string) {
  const t0 = now();
  const threads = Array.from({ length: JOBS }, () => new Thread({ target: job }));
  threads.forEach((t) => t.start());
  threads.forEach((t) => t.join());
  report(label, t0);
}

function withProcesses(job: () => void, label: string) {
  const t0 = now();
  const procs = Array.from({ length: JOBS }, () => new Process({ target: job }));
  procs.forEach((p) => p.start());
  procs.forEach((p) => p.join());
  report(label, t0);
}

async function withCoroutines(cpu: boolean, label: string) {
  const t0 = now();
  const job = async () => (cpu ? cpuJob() : await asyncio.sleep(100));
  await asyncio.gather(...Array.from({ length: JOBS }, job));
  report(label, t0);
}

// Threads without the GIL: the same threads, in a process that runs
// free-threaded (like python3.13t).
function freeThreaded(cpu: boolean) {
  const p = new Process({ target: withThreads, args: [cpu ? cpuJob : ioJob, "threads, no GIL"], gil: false });
  p.start();
  p.join();
}

asyncio.run(async () => {
  print(\`CPU-bound: \${JOBS} jobs, each counting to \${N.toLocaleString()}\`);
  withThreads(cpuJob, "threads, GIL");
  freeThreaded(true);
  withProcesses(cpuJob, "processes");
  await withCoroutines(true, "coroutines");

  print(\`I/O-bound: \${JOBS} jobs, each waiting 100 ms\`);
  withThreads(ioJob, "threads, GIL");
  freeThreaded(false);
  withProcesses(ioJob, "processes");
  await withCoroutines(false, "coroutines");
});
`,
  commentsZh: {
    "The same work done four ways: threads under the GIL, threads without it\n// (a free-threaded process), processes, and coroutines. First CPU-bound\n// work (counting), then I/O-bound work (waiting). Compare the wall times,\n// then look at the timeline: who ran at the same time, and who waited.":
      "同样的任务用四种方式完成：有 GIL 的线程、没有 GIL 的线程\n// （自由线程的进程）、多进程和协程。先是 CPU 密集型\n// 任务（计数），再是 I/O 密集型任务（等待）。比较各自的耗时，\n// 再看时间线：谁在同时运行，谁在等待。",
    "Threads without the GIL: the same threads, in a process that runs\n// free-threaded (like python3.13t).":
      "没有 GIL 的线程：同样的线程，运行在一个\n// 自由线程的进程里（类似 python3.13t）。",
  },
  text: {
    en: {
      title: "Threads vs GIL vs processes vs coroutines",
      explanation:
        "The same four jobs, done four ways, first CPU-bound (counting) and then I/O-bound (waiting 100 ms). " +
        "Under the GIL, CPU-bound threads take turns: the lanes alternate between running (green) and waiting for the GIL (amber), with hand-over arrows between them, so they are no faster than one thread. " +
        "Without the GIL (a free-threaded process) and with processes, they run at the same time on different cores. " +
        "Coroutines share one thread: CPU-bound tasks run one after another, but for waiting they are as good as threads, since an await lets the others run. " +
        "For I/O-bound work every way overlaps the waits: the GIL is given up while a thread sleeps.",
    },
    zh: {
      title: "线程、GIL、进程与协程的对比",
      explanation:
        "同样的四个任务用四种方式完成：先是计算密集型（计数），再是 I/O 密集型（等待 100 毫秒）。" +
        "有 GIL 时，计算密集型的线程只能轮流执行：时间线上各线程在运行（绿色）和等待 GIL（黄色）之间交替，并有交接箭头，所以并不比单线程快。" +
        "没有 GIL（自由线程的进程）或使用多进程时，它们在不同的 CPU 核心上同时运行。" +
        "协程共用一个线程：计算密集的任务只能一个接一个地执行，但在等待时和线程一样好，因为 await 会让出执行权给其他任务。" +
        "对于 I/O 密集型任务，各种方式都能让等待重叠：线程在 sleep 时会释放 GIL。",
    },
  },
});
