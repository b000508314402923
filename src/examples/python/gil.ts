// The GIL topic (../gil.ts) in Python 3. CPython always has its GIL (a
// free-threaded python3.13t build has none), so these need no setting.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const GIL_PYTHON: Record<string, PythonVersion> = {
  "gil-cpu-bound": {
    code: `# CPU-bound work with the GIL on: two threads take about as long
# as one thread doing both parts.
import sys
import threading
import time

# sys._is_gil_enabled() is new in 3.13; before it, CPython always had the GIL.
print("GIL on:", getattr(sys, "_is_gil_enabled", lambda: True)())

def count(n):
    x = 0
    # Pure computation, no blocking.
    for i in range(n):
        x = (x + i * i) % 1_000_003
    return x

N = 3_000_000

start = time.perf_counter()
count(N)
count(N)
print(f"one thread: {round((time.perf_counter() - start) * 1000)} ms")

start = time.perf_counter()
threads = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"two threads: {round((time.perf_counter() - start) * 1000)} ms")
# Run it with python3.13t (free-threaded, no GIL) instead:
# two threads then take about half the time.
`,
    commentsZh: {
      "CPU-bound work with the GIL on: two threads take about as long\n# as one thread doing both parts.": "打开 GIL 时的 CPU 密集型任务：两个线程所用的时间\n# 和一个线程做完两份工作差不多。",
      "sys._is_gil_enabled() is new in 3.13; before it, CPython always had the GIL.": "sys._is_gil_enabled() 是 3.13 新增的；在此之前，CPython 总是有 GIL。",
      "Pure computation, no blocking.": "纯计算，没有阻塞。",
      "Run it with python3.13t (free-threaded, no GIL) instead:\n# two threads then take about half the time.": "改用 python3.13t（自由线程版，没有 GIL）运行：\n# 两个线程大约只用一半的时间。",
    },
    tsToPy: lineMap("1-3 0 8 0 10-13 15 0 0 17 0 19-22 0 24-25 27 29-32"),
  },
  "gil-io-bound": {
    code: `# I/O-bound work with the GIL on:
# a thread that waits (here: sleeps) gives the GIL up.
import sys
import threading
import time

# sys._is_gil_enabled() is new in 3.13; before it, CPython always had the GIL.
print("GIL on:", getattr(sys, "_is_gil_enabled", lambda: True)())

def download(url):
    print(f"{threading.current_thread().name} requests {url}")
    time.sleep(0.2)  # waiting for the network: the GIL is released meanwhile
    print(f"{threading.current_thread().name} received {url}")

start = time.perf_counter()
urls = ["/a", "/b", "/c", "/d"]
threads = [threading.Thread(target=download, args=(u,)) for u in urls]
for t in threads:
    t.start()
for t in threads:
    t.join()
# About one download's time (200 ms), not four (800 ms): the waits overlapped.
print(f"{len(urls)} downloads in {round((time.perf_counter() - start) * 1000)} ms")
`,
    commentsZh: {
      "I/O-bound work with the GIL on:\n# a thread that waits (here: sleeps) gives the GIL up.": "打开 GIL 时的 I/O 密集型任务：\n# 线程在等待（这里是 sleep）时会释放 GIL。",
      "sys._is_gil_enabled() is new in 3.13; before it, CPython always had the GIL.": "sys._is_gil_enabled() 是 3.13 新增的；在此之前，CPython 总是有 GIL。",
      "waiting for the network: the GIL is released meanwhile": "等待网络：这期间 GIL 被释放",
      "About one download's time (200 ms), not four (800 ms): the waits overlapped.": "总耗时约为一次下载的时间（200 毫秒），而不是四次（800 毫秒）：几段等待重叠了。",
    },
    tsToPy: lineMap("1-3 0 8 0 10-13 0 0 15-17 19 21-23"),
  },
  "gil-processes": {
    code: `# Each process has its own GIL: CPU-bound work in two processes
# runs in parallel, even with the GIL on.
import multiprocessing
import threading
import time

def count(n):
    x = 0
    for i in range(n):
        x = (x + i * i) % 1_000_003
    return x

N = 3_000_000

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    start = time.perf_counter()
    threads = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"two threads: {round((time.perf_counter() - start) * 1000)} ms")

    start = time.perf_counter()
    procs = [multiprocessing.Process(target=count, args=(N,)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"two processes: {round((time.perf_counter() - start) * 1000)} ms")
`,
    commentsZh: {
      "Each process has its own GIL: CPU-bound work in two processes\n# runs in parallel, even with the GIL on.": "每个进程都有自己的 GIL：两个进程中的 CPU 密集型任务\n# 即使打开了 GIL 也能并行运行。",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
    },
    tsToPy: lineMap("1-3 0 7-9 11 0 0 13 0 16-17 19 21-22 0 24-25 27 29-30"),
  },
};
