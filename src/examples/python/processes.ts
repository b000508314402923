// The processes topic (../processes.ts) in Python 3: multiprocessing.Process,
// a process's own memory, and a shared Value.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const PROCESS_PYTHON: Record<string, PythonVersion> = {
  "process-start-join": {
    code: `# Start a child process with a target function and wait for it with join().
import multiprocessing
import os

# The code the child process runs.
def run_proc(name):
    print(f"Run child process {name} ({os.getpid()})...")
    print(f"my parent is {os.getppid()}, my name is {multiprocessing.current_process().name}")

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    print(f"Parent process {os.getpid()}.")
    p = multiprocessing.Process(target=run_proc, args=("test",))
    print("Child process will start.")
    p.start()
    p.join()  # wait for the child to end: used to synchronise processes
    print(f"Child process end. exitcode {p.exitcode}")
`,
    commentsZh: {
      "Start a child process with a target function and wait for it with join().": "用目标函数启动一个子进程，再用 join() 等待它结束。",
      "The code the child process runs.": "子进程要执行的代码。",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "wait for the child to end: used to synchronise processes": "等待子进程结束：用于进程间的同步",
    },
    tsToPy: lineMap("1-2 0 5-8 0 0 11-16"),
  },
  "process-own-memory": {
    code: `# A thread changes the parent's variables; a process changes only its own copy.
import multiprocessing
import threading

counter = 0

def add_hundred(where):
    global counter
    for i in range(100):
        counter += 1
    print(f"inside the {where}: counter = {counter}")

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    # A thread shares the program's memory: its change is seen by MainThread.
    t = threading.Thread(target=add_hundred, args=("thread",))
    t.start()
    t.join()
    print(f"after the thread: counter = {counter}")

    # A process has memory of its own: its change stays in the child.
    p = multiprocessing.Process(target=add_hundred, args=("process",))
    p.start()
    p.join()
    print(f"after the process: counter = {counter}")
# The "fork" start method (Linux up to 3.13) copies the parent: the child prints 200.
# "spawn" and "forkserver" start an interpreter that imports this file: it prints 100.
`,
    commentsZh: {
      "A thread changes the parent's variables; a process changes only its own copy.": "线程修改的是父进程中的变量；进程只修改它自己的那份副本。",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "A thread shares the program's memory: its change is seen by MainThread.": "线程共享程序的内存：它做的修改，主线程能看到。",
      "A process has memory of its own: its change stays in the child.": "进程有自己的内存：它做的修改只留在子进程里。",
      "The \"fork\" start method (Linux up to 3.13) copies the parent: the child prints 200.\n# \"spawn\" and \"forkserver\" start an interpreter that imports this file: it prints 100.": "“fork” 启动方式（3.13 及以前的 Linux）复制父进程：子进程打印 200。\n# “spawn” 和 “forkserver” 启动一个新的解释器并导入这个文件：子进程打印 100。",
    },
    tsToPy: lineMap("1-2 0 5 0 7 10-11 0 0 14-18 0 20-24"),
  },
  "process-shared-value": {
    code: `# Value: a number on shared memory that processes do share;
# its lock guards the updates.
import multiprocessing

def add_many(v, times):
    lock = v.get_lock()
    for i in range(times):
        with lock:  # without the lock, updates would be lost
            v.value += 1

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    # A Value passed to a Process in its args is shared with it.
    total = multiprocessing.Value("i", 0)  # "i": a C int, 32 bits
    procs = [
        multiprocessing.Process(target=add_many, args=(total, 250))
        for _ in range(4)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"total = {total.value}")
`,
    commentsZh: {
      "Value: a number on shared memory that processes do share;\n# its lock guards the updates.": "Value：共享内存上的一个数字，各个进程真正共享它；\n# 它自带的锁保护每次更新。",
      "without the lock, updates would be lost": "不加锁的话，更新会丢失",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "A Value passed to a Process in its args is shared with it.": "通过 args 传给进程的 Value 由父子进程共享。",
      "\"i\": a C int, 32 bits": "“i”：C 语言的 int，32 位",
    },
    tsToPy: lineMap("1-3 0 12-13 0 5-8 0 0 0 14-15 0 19 21-22"),
  },
};
