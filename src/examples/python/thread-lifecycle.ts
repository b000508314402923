// The threads topic's lifecycle examples (../thread-lifecycle.ts) in
// Python 3: join with a timeout, daemon threads, Timer.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const THREAD_LIFECYCLE_PYTHON: Record<string, PythonVersion> = {
  "join-timeout": {
    code: `# join(timeout) waits at most that long, and always returns None;
# is_alive() tells whether the thread has ended.
import threading
import time

def slow_task():
    print("slow task started")
    time.sleep(0.4)
    print("slow task done")

t = threading.Thread(target=slow_task)
t.start()

t.join(0.1)  # give up after 100 ms
print("join(0.1) returned, still alive:", t.is_alive())
print("doing something else meanwhile...")

t.join()  # now wait as long as it takes
print("join() returned, still alive:", t.is_alive())
`,
    commentsZh: {
      "join(timeout) waits at most that long, and always returns None;\n# is_alive() tells whether the thread has ended.": "join(timeout) 最多等待这么久，返回值总是 None；\n# is_alive() 判断线程是否已经结束。",
      "give up after 100 ms": "100 毫秒后放弃等待",
      "now wait as long as it takes": "这次一直等到它结束为止",
    },
    tsToPy: lineMap("1-3 0 6-9 0 0 11-12 0 14-16 0 18-19"),
  },
  "daemon-threads": {
    code: `# A daemon thread does not keep the program alive:
# it is stopped when the rest has finished.
import threading
import time

def heartbeat():
    beat = 1
    while True:  # never ends by itself
        print(f"heartbeat {beat}")
        time.sleep(0.1)
        beat += 1

def worker():
    for step in range(1, 4):
        print(f"worker step {step}")
        time.sleep(0.12)
    print("worker finished")

daemon = threading.Thread(target=heartbeat, name="Heartbeat", daemon=True)
normal = threading.Thread(target=worker, name="Worker")
daemon.start()
normal.start()
print("main program ends (the run waits for Worker, not for Heartbeat)")
`,
    commentsZh: {
      "A daemon thread does not keep the program alive:\n# it is stopped when the rest has finished.": "守护线程不会让程序一直运行下去：\n# 其余的线程都结束后，它就会被停止。",
      "never ends by itself": "自己永远不会结束",
    },
    tsToPy: lineMap("1-3 0 6 8-10 0 0 0 13-16 0 17 0 0 19-23"),
  },
  "timer": {
    code: `# Timer: a thread that calls a function after a delay, unless cancelled first.
import threading
import time

def delayed(who):
    print(who, "running")

# Call delayed("worker") after 300 ms.
t1 = threading.Timer(0.3, delayed, ["worker"])
t1.name = "t1"
t2 = threading.Timer(0.3, delayed, ["cancelled timer"])
t2.name = "t2"

print("starting timers")
t1.start()
t2.start()

time.sleep(0.2)
t2.cancel()  # before its 300 ms are up: it never calls its function
print("done")
# t1 still fires after "done": the run waits for it.
`,
    commentsZh: {
      "Timer: a thread that calls a function after a delay, unless cancelled first.": "定时器 Timer：延迟一段时间后调用函数的线程，除非在此之前被取消。",
      "Call delayed(\"worker\") after 300 ms.": "300 毫秒后调用 delayed(\"worker\")。",
      "before its 300 ms are up: it never calls its function": "在 300 毫秒到期之前取消：它永远不会调用自己的函数",
      "t1 still fires after \"done\": the run waits for it.": "t1 仍会在 \"done\" 之后触发：程序会等它执行完。",
    },
    tsToPy: lineMap("1-2 0 5-6 0 0 8-12 0 14-16 0 18-21"),
  },
};
