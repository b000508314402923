// The threads topic's thread-local data and program exit
// (../thread-local-exit.ts) in Python 3.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const THREAD_LOCAL_EXIT_PYTHON: Record<string, PythonVersion> = {
  "thread-local": {
    code: `# threading.local(): one object, but every thread sees its own attributes
# (a ThreadLocal).
import threading
import time

# Typical use: bind the current request or user to the thread handling it.
context = threading.local()
context.user = "main-request"

def handle(user):
    context.user = user  # only this thread's copy changes
    context.requests = 0
    for i in range(3):
        time.sleep(0.04 + len(user) * 0.005)
        context.requests += 1
        me = threading.current_thread().name
        print(f"{me} serves {context.user} request {context.requests}")

threads = [
    threading.Thread(target=handle, args=(user,), name="Handler-" + user)
    for user in ["Alice", "Bob"]
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("MainThread still sees:", context.user)
`,
    commentsZh: {
      "threading.local(): one object, but every thread sees its own attributes\n# (a ThreadLocal).": "threading.local()：同一个对象，但每个线程看到的都是自己的属性\n# （即线程本地变量 ThreadLocal）。",
      "Typical use: bind the current request or user to the thread handling it.": "典型用法：把当前的请求或用户绑定到处理它的线程上。",
      "only this thread's copy changes": "只改变本线程自己的那一份",
    },
    tsToPy: lineMap("1-3 0 6-8 0 10-17 0 0 0 19-20 0 24 26-27"),
  },
  "exit-atexit": {
    code: `# sys.exit() ends MainThread's program; non-daemon threads still finish,
# then the atexit functions run.
import atexit
import sys
import threading
import time

def clean():
    print("clean temp data...")

def test():
    for i in range(5):
        print(threading.current_thread().name, i)
        time.sleep(0.04)

atexit.register(clean)  # called when the program ends normally
threading.Thread(target=test).start()
time.sleep(0.05)

sys.exit(4)  # waits for Thread-1, runs clean(), exit code 4
# os._exit(4) instead would stop every thread at once and skip clean().
print("Ho ...")  # never printed
`,
    commentsZh: {
      "sys.exit() ends MainThread's program; non-daemon threads still finish,\n# then the atexit functions run.": "sys.exit() 结束主线程的程序；非守护线程仍会运行完，\n# 然后执行用 atexit 注册的函数。",
      "called when the program ends normally": "程序正常结束时调用",
      "waits for Thread-1, runs clean(), exit code 4": "等待 Thread-1 结束，执行 clean()，退出码为 4",
      "os._exit(4) instead would stop every thread at once and skip clean().": "换成 os._exit(4) 则会立即停止所有线程，也不执行 clean()。",
      "never printed": "永远不会打印",
    },
    tsToPy: lineMap("1-3 0 8-9 0 0 11-14 0 0 0 16-18 0 20-22"),
  },
};
