// The process pools topic (../pools.ts) in Python 3: multiprocessing.Pool's
// map, apply_async with a callback, close/join and terminate.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const POOL_PYTHON: Record<string, PythonVersion> = {
  "pool-map": {
    code: `# Pool.map: apply a function to every item, in parallel on worker processes.
import multiprocessing
import os
import time

def square(x):
    print(f"{multiprocessing.current_process().name} (pid {os.getpid()}) handles {x}")
    time.sleep(0.03)  # pretend it takes a while
    return x * x

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    print("main: pid", os.getpid())
    p = multiprocessing.Pool(3)  # 3 worker processes, named after the start method: ForkPoolWorker-1..3 with fork
    items = list(range(13))
    results = p.map(square, items)  # blocks until all 13 are done
    print("results:", " ".join(map(str, results)))  # always in input order
    p.close()
    p.join()
`,
    commentsZh: {
      "Pool.map: apply a function to every item, in parallel on worker processes.": "Pool.map：把一个函数应用到每个数据上，由多个工作进程并行处理。",
      "pretend it takes a while": "假装这要花一些时间",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "3 worker processes, named after the start method: ForkPoolWorker-1..3 with fork": "3 个工作进程，名字随启动方式而定：fork 方式下是 ForkPoolWorker-1..3",
      "blocks until all 13 are done": "阻塞，直到 13 个数据全部处理完",
      "always in input order": "结果总是按输入的顺序",
    },
    tsToPy: lineMap("1-2 0 6-9 0 0 12-18"),
  },
  "pool-apply-async": {
    code: `# apply_async: submit tasks without waiting; a callback receives each result.
import multiprocessing
import os
import time

def long_time_task(name):
    print(f"Run task {name} ({os.getpid()})...")
    start = time.time()
    time.sleep(0.1 + 0.06 * ((name * 7) % 4))  # tasks take different times
    seconds = time.time() - start
    print(f"Task {name} runs {seconds:.2f} seconds.")
    return name

# Runs in the parent process, in the pool's result-handler thread.
def on_done(name):
    print(f"callback: task {name} is done")

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    print(f"Parent process {os.getpid()}.")
    p = multiprocessing.Pool(4)  # at most 4 tasks run at once
    pending = []
    for i in range(5):
        pending.append(p.apply_async(long_time_task, (i,), callback=on_done))
    print("Waiting for all subprocesses done...")
    p.close()  # no more tasks
    p.join()  # wait for the workers to finish the queued tasks and exit
    print("All subprocesses done. results", ",".join(str(r.get()) for r in pending))
`,
    commentsZh: {
      "apply_async: submit tasks without waiting; a callback receives each result.": "apply_async：提交任务而不等待；每个结果由回调函数接收。",
      "tasks take different times": "各个任务的耗时不同",
      "Runs in the parent process, in the pool's result-handler thread.": "回调在父进程里执行，由进程池处理结果的线程调用。",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "at most 4 tasks run at once": "同时最多运行 4 个任务",
      "no more tasks": "不再接受新的任务",
      "wait for the workers to finish the queued tasks and exit": "等待工作进程做完排队的任务并退出",
    },
    tsToPy: lineMap("1-2 0 6-12 0 0 14-16 0 0 19-23 0 24-27"),
  },
  "pool-close-terminate": {
    code: `# How a pool ends: close() then join() finishes the queued work;
# terminate() stops it now.
import multiprocessing
import time

def work(ms):
    time.sleep(ms / 1000)
    return ms

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    # 1. join() is only allowed after close() or terminate().
    pool = multiprocessing.Pool(2)
    try:
        pool.join()
    except Exception as e:
        print(f"join() before close(): {type(e).__name__}")
    r = pool.apply_async(work, (100,))
    pool.close()
    try:
        pool.apply_async(work, (1,))
    except Exception as e:
        print(f"submit after close(): {type(e).__name__}")
    pool.join()  # the task submitted before close() still runs
    print("closed and joined: result", r.get())

    # 2. terminate() stops the workers at once, even in the middle of a task.
    pool2 = multiprocessing.Pool(2)
    slow = pool2.apply_async(work, (2000,))
    time.sleep(0.1)
    pool2.terminate()
    pool2.join()
    print(f"terminated: task ready = {slow.ready()}")
`,
    commentsZh: {
      "How a pool ends: close() then join() finishes the queued work;\n# terminate() stops it now.": "进程池的两种结束方式：先 close() 再 join()，会做完排队的任务；\n# terminate() 则立即停止。",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "1. join() is only allowed after close() or terminate().": "1. 只有在 close() 或 terminate() 之后才能调用 join()。",
      "the task submitted before close() still runs": "close() 之前提交的任务仍会执行",
      "2. terminate() stops the workers at once, even in the middle of a task.": "2. terminate() 立即停止工作进程，即使任务才执行到一半。",
    },
    tsToPy: lineMap("1-3 0 6-8 0 0 11-16 0 17-22 0 23-24 0 26-32"),
  },
};
