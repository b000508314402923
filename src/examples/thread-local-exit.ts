// More of the threads topic: data that belongs to one thread (local), and
// how a program ends (exit, atexit).

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const THREAD_LOCAL_EXIT_EXAMPLES: Example[] = withCodeZh([
  {
    id: "thread-local",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /MainThread still sees: main-request/,
    code: `// local(): one object, but every thread sees its own properties
// (Python's threading.local).
import { Thread, local, currentThread, print, sleep } from "playground";

// Typical use: bind the current request or user to the thread handling it.
const context = local<{ user?: string; requests?: number }>();
context.user = "main-request";

function handle(user: string) {
  context.user = user; // only this thread's copy changes
  context.requests = 0;
  for (let i = 0; i < 3; i++) {
    sleep(40 + user.length * 5);
    context.requests += 1;
    const me = currentThread().name;
    print(me, "serves", context.user, "request", context.requests);
  }
}

const threads = ["Alice", "Bob"].map(
  (user) => new Thread({ target: handle, args: [user], name: "Handler-" + user }),
);
for (const t of threads) t.start();
for (const t of threads) t.join();
print("MainThread still sees:", context.user);
`,
    commentsZh: {
      "local(): one object, but every thread sees its own properties\n// (Python's threading.local).":
        "local()：同一个对象，但每个线程看到的都是自己的属性\n// （即 Python 的 threading.local，线程本地变量）。",
      "Typical use: bind the current request or user to the thread handling it.": "典型用法：把当前的请求或用户绑定到处理它的线程上。",
      "only this thread's copy changes": "只改变本线程自己的那一份",
    },
    text: {
      en: {
        title: "Thread-local data",
        explanation:
          "local() returns an object whose properties belong to the thread that sets them (Python's threading.local, ThreadLocal). " +
          "Both handler threads write context.user and context.requests at the same time, yet each only ever sees its own values, and MainThread keeps its own. " +
          "It is the usual way to bind per-thread data such as a database connection, an HTTP request or the current user.",
      },
      zh: {
        title: "线程本地变量 ThreadLocal",
        explanation:
          "local() 返回一个对象，它的属性属于设置它的那个线程（即 Python 的 threading.local，线程本地变量）。" +
          "两个处理线程同时写 context.user 和 context.requests，却各自只看到自己的值，主线程也保留着自己的值。" +
          "它最常用于为每个线程绑定数据库连接、HTTP 请求或用户身份信息等。",
      },
    },
  },
  {
    id: "exit-atexit",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /Thread-1 4[\s\S]*clean temp data\.\.\./,
    code: `// exit() ends MainThread's program; non-daemon threads still finish,
// then the atexit functions run.
import { Thread, atexit, exit, currentThread, print, sleep } from "playground";

function clean() {
  print("clean temp data...");
}

function test() {
  for (let i = 0; i < 5; i++) {
    print(currentThread().name, i);
    sleep(40);
  }
}

atexit.register(clean); // called when the program ends normally
new Thread({ target: test }).start();
sleep(50);

exit(4); // like sys.exit(4): waits for Thread-1, runs clean(), exit code 4
// osExit(4) instead would stop every thread at once and skip clean().
print("Ho ..."); // never printed
`,
    commentsZh: {
      "exit() ends MainThread's program; non-daemon threads still finish,\n// then the atexit functions run.":
        "exit() 结束主线程的程序；非守护线程仍会运行完，\n// 然后执行用 atexit 注册的函数。",
      "called when the program ends normally": "程序正常结束时调用",
      "like sys.exit(4): waits for Thread-1, runs clean(), exit code 4": "相当于 sys.exit(4)：等待 Thread-1 结束，执行 clean()，退出码为 4",
      "osExit(4) instead would stop every thread at once and skip clean().": "换成 osExit(4) 则会立即停止所有线程，也不执行 clean()。",
      "never printed": "永远不会打印",
    },
    text: {
      en: {
        title: "exit() and atexit",
        explanation:
          "atexit.register(fn) asks for fn to be called when the program ends normally. " +
          "exit(4) ends MainThread right there (the last print never runs), but like Python's sys.exit it still waits for the non-daemon Thread-1, then calls clean(), and the run ends with exit code 4. " +
          "osExit(4) (Python's os._exit) would instead stop every thread at once and skip the atexit functions: try it.",
      },
      zh: {
        title: "程序退出时执行：exit() 与 atexit",
        explanation:
          "atexit.register(fn) 注册一个在程序正常结束时执行的函数。" +
          "exit(4) 让主线程立刻结束（最后那行 print 不会执行），但和 Python 的 sys.exit 一样，它仍会等待非守护线程 Thread-1 结束，再调用 clean()，程序的退出码为 4。" +
          "而 osExit(4)（即 os._exit）会通过系统调用直接终止所有线程，也不调用退出函数，可以试试看。",
      },
    },
  },
]);
