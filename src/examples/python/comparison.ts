// The GIL comparison (../comparison.ts) in Python 3: threads, processes and
// coroutines, each timed on CPU-bound and on I/O-bound jobs.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const COMPARISON_PYTHON: Record<string, PythonVersion> = {
  "gil-threads-processes-coroutines": {
    code: `# CPython has the GIL on (off in python3.13t) and a 5 ms switch interval (sys.setswitchinterval).
# The same work done three ways: threads (under the GIL, except in
# python3.13t), processes, and coroutines. First CPU-bound
# work (counting), then I/O-bound work (waiting). Compare the wall times,
# and see which ways ran the jobs at the same time and which took turns.
import asyncio
import multiprocessing
import sys
import threading
import time

JOBS = 4
N = 8_000_000
GIL = "GIL" if getattr(sys, "_is_gil_enabled", lambda: True)() else "no GIL"

def count(n):
    x = 0
    for i in range(n):
        x += i % 7
    return x
def cpu_job():
    count(N)
def io_job():
    time.sleep(0.1)

def report(label, t0):
    print(f"  {label:<26} {round((time.perf_counter() - t0) * 1000)} ms")

def with_threads(job, label):
    t0 = time.perf_counter()
    threads = [threading.Thread(target=job) for _ in range(JOBS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report(label, t0)

def with_processes(job, label):
    t0 = time.perf_counter()
    procs = [multiprocessing.Process(target=job) for _ in range(JOBS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    report(label, t0)

async def with_coroutines(cpu, label):
    t0 = time.perf_counter()
    async def job():
        return cpu_job() if cpu else await asyncio.sleep(0.1)
    await asyncio.gather(*(job() for _ in range(JOBS)))
    report(label, t0)

# Threads without the GIL: CPython cannot turn it off for one process,
# so run this whole program with python3.13t to see them.

async def main():
    print(f"CPU-bound: {JOBS} jobs, each counting to {N:,}")
    with_threads(cpu_job, f"threads, {GIL}")
    with_processes(cpu_job, "processes")
    await with_coroutines(True, "coroutines")

    print(f"I/O-bound: {JOBS} jobs, each waiting 100 ms")
    with_threads(io_job, f"threads, {GIL}")
    with_processes(io_job, "processes")
    await with_coroutines(False, "coroutines")

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    asyncio.run(main())
`,
    commentsZh: {
      "CPython has the GIL on (off in python3.13t) and a 5 ms switch interval (sys.setswitchinterval).": "CPython 默认打开 GIL（python3.13t 中关闭），切换间隔为 5 毫秒（sys.setswitchinterval）。",
      "The same work done three ways: threads (under the GIL, except in\n# python3.13t), processes, and coroutines. First CPU-bound\n# work (counting), then I/O-bound work (waiting). Compare the wall times,\n# and see which ways ran the jobs at the same time and which took turns.": "同样的任务用三种方式完成：线程（受 GIL 限制，python3.13t\n# 除外）、多进程和协程。先是 CPU 密集型\n# 任务（计数），再是 I/O 密集型任务（等待）。比较各自的耗时，\n# 看看哪些方式让任务同时运行，哪些只能轮流执行。",
      "Threads without the GIL: CPython cannot turn it off for one process,\n# so run this whole program with python3.13t to see them.": "没有 GIL 的线程：CPython 不能只为一个进程关掉 GIL，\n# 所以要用 python3.13t 运行整个程序才能看到它们。",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
    },
    tsToPy: lineMap("1-6 0 12-13 0 16-18 20 0 21 23 0 26-27 0 0 29-31 33 35-36 0 0 38-40 42 44-45 0 0 47-49 51-52 0 0 54-55 0 0 0 0 0 0 57-59 0 60-61 0 63-64 0 65-66 69"),
  },
};
