// The threads topic (../threads.ts) in Python 3: what the Python tab shows
// next to each example, with the line map its hover highlighting follows.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const THREAD_PYTHON: Record<string, PythonVersion> = {
  "thread-target": {
    code: `# Start a thread by passing a function as its target, then wait for it with join().
import threading
import time

# The code the new thread runs.
def loop():
    print("thread", threading.current_thread().name, "is running...")
    for n in range(1, 6):
        print("thread", threading.current_thread().name, ">>>", n)
        time.sleep(0.1)
    print("thread", threading.current_thread().name, "ended.")

print("thread", threading.current_thread().name, "is running...")
t = threading.Thread(target=loop, name="LoopThread")
t.start()
t.join()  # MainThread waits here until LoopThread has finished
print("thread", threading.current_thread().name, "ended.")
`,
    commentsZh: {
      "Start a thread by passing a function as its target, then wait for it with join().": "把一个函数作为 target 传入来启动线程，再用 join() 等待它结束。",
      "The code the new thread runs.": "新线程要执行的代码。",
      "MainThread waits here until LoopThread has finished": "主线程在这里等待，直到 LoopThread 结束",
    },
    tsToPy: lineMap("1-2 0 5-10 0 11 0 0 13-17"),
  },
  "thread-subclass": {
    code: `# Subclass Thread and override run(); a stop flag set by MainThread ends the loop.
import threading
import time

START = time.perf_counter()  # now() in the playground counts from the start of the run

class TimerThread(threading.Thread):
    def __init__(self, num, interval):
        super().__init__()
        self.num = num
        self.interval = interval
        self.thread_stop = False  # attributes are shared between the thread and MainThread

    # What the thread does: start() calls run() in the new thread.
    def run(self):
        while not self.thread_stop:
            ms = (time.perf_counter() - START) * 1000
            print(f"Thread Object({self.num}), Time: {ms:.0f} ms")
            time.sleep(self.interval)

    def stop(self):
        self.thread_stop = True

thread1 = TimerThread(1, 0.1)
thread2 = TimerThread(2, 0.2)
thread1.start()
thread2.start()
time.sleep(0.65)
thread1.stop()
thread2.stop()
thread1.join()
thread2.join()
print("both timers stopped")
`,
    commentsZh: {
      "Subclass Thread and override run(); a stop flag set by MainThread ends the loop.": "继承 Thread 并重写 run()；主线程设置的停止标志让循环结束。",
      "now() in the playground counts from the start of the run": "演练场的 now() 从这次运行开始时计时",
      "attributes are shared between the thread and MainThread": "属性由这个线程和主线程共享",
      "What the thread does: start() calls run() in the new thread.": "线程要做的事：start() 会在新线程中调用 run()。",
    },
    tsToPy: lineMap("1-2 0 7 12 0 8-9 0 0 14-16 18-19 0 0 0 21-22 0 0 0 24-33"),
  },
  "start-new-thread": {
    code: `# The low-level _thread module:
# the thread starts at once.
import _thread
import time

def timer(no, interval):
    for cnt in range(3):
        print(f"Thread:({no}) count {cnt}")
        time.sleep(interval)

# Each call returns the new thread's ident; there is no object to join().
id1 = _thread.start_new_thread(timer, (1, 0.05))
id2 = _thread.start_new_thread(timer, (2, 0.08))
print("start running, idents", id1, id2)

# These threads are daemons: without this sleep the program would end now
# and stop them.
time.sleep(0.5)
print("run finished")
`,
    commentsZh: {
      "The low-level _thread module:\n# the thread starts at once.": "低级的 _thread 模块：\n# 线程立即启动。",
      "Each call returns the new thread's ident; there is no object to join().": "每次调用返回新线程的标识符，没有可以 join() 的对象。",
      "These threads are daemons: without this sleep the program would end now\n# and stop them.": "这些线程是守护线程：如果没有这个 sleep，程序现在就会结束，\n# 并把它们停掉。",
    },
    tsToPy: lineMap("1-3 0 6-9 0 0 0 11-14 0 16-19"),
  },
  "thread-names": {
    code: `# Thread names, current_thread(), main_thread(), active_count() and enumerate().
import threading
import time

def work():
    me = threading.current_thread()
    print(f"I am {me.name} ident {me.ident} daemon {me.daemon}")
    time.sleep(0.15)

a = threading.Thread(target=work)  # default name: Thread-1 (work) since Python 3.10
b = threading.Thread(target=work, name="worker-b")
c = threading.Thread(target=work)
c.name = "renamed"  # names can be changed, like setName()
for t in (a, b, c):
    t.start()

time.sleep(0.05)
print("main thread:", threading.main_thread().name)
print("alive now:", threading.active_count())
print("names:", ", ".join(sorted(t.name for t in threading.enumerate())))
for t in (a, b, c):
    t.join()
print("alive after join:", threading.active_count())
`,
    commentsZh: {
      "Thread names, current_thread(), main_thread(), active_count() and enumerate().": "线程名，以及 current_thread()、main_thread()、active_count() 和 enumerate()。",
      "default name: Thread-1 (work) since Python 3.10": "默认名字：Thread-1 (work)（Python 3.10 起）",
      "names can be changed, like setName()": "名字可以修改，就像 setName()",
    },
    tsToPy: lineMap("1-2 2 2 0 5-8 0 0 10-13 15 0 17-20 22-23"),
  },
};
