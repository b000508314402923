// More of the threads topic: waiting for a thread (join with a timeout),
// daemon threads, Timer, thread-local data, and how a program ends (exit,
// atexit).

import type { Example } from "./example-types";

export const THREAD_LIFECYCLE_EXAMPLES: Example[] = [
  {
    id: "join-timeout",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /join\(100\) returned false, still alive: true[\s\S]*join\(\) returned true, still alive: false/,
    code: `// join(timeoutMs) waits at most that long;
// isAlive() tells whether the thread has ended.
import { Thread, print, sleep } from "playground";

function slowTask() {
  print("slow task started");
  sleep(400);
  print("slow task done");
}

const t = new Thread({ target: slowTask });
t.start();

const finished = t.join(100); // give up after 100 ms
print("join(100) returned " + finished + ", still alive: " + t.isAlive());
print("doing something else meanwhile...");

const finallyDone = t.join(); // now wait as long as it takes
print("join() returned " + finallyDone + ", still alive: " + t.isAlive());
`,
    text: {
      en: {
        title: "join() with a timeout",
        explanation:
          "join(timeoutMs) blocks for at most that long and returns whether the thread has finished; isAlive() tells the same. " +
          "Here the first join gives up after 100 ms, MainThread carries on, then a plain join() waits for the end. " +
          "On MainThread's lane you see two separate waits: a short one cut off by the timeout, and one that ends exactly when Thread-1 does.",
      },
      zh: {
        title: "带超时的 join()",
        explanation:
          "join(timeoutMs) 最多阻塞这么久，返回线程是否已经结束；isAlive() 也能判断。" +
          "这里第一次 join 在 100 毫秒后放弃，主线程继续做别的事，然后再用不带参数的 join() 一直等到线程结束。" +
          "主线程的泳道上有两段等待：一段被超时打断，另一段恰好在 Thread-1 结束时结束。",
      },
    },
  },
  {
    id: "daemon-threads",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /main program ends[\s\S]*worker finished/,
    code: `// A daemon thread does not keep the program alive:
// it is stopped when the rest has finished.
import { Thread, print, sleep } from "playground";

function heartbeat() {
  for (let beat = 1; ; beat++) { // never ends by itself
    print("heartbeat", beat);
    sleep(100);
  }
}

function worker() {
  for (let step = 1; step <= 3; step++) {
    print("worker step", step);
    sleep(120);
  }
  print("worker finished");
}

const daemon = new Thread({ target: heartbeat, name: "Heartbeat", daemon: true });
const normal = new Thread({ target: worker, name: "Worker" });
daemon.start();
normal.start();
print("main program ends (the run waits for Worker, not for Heartbeat)");
`,
    text: {
      en: {
        title: "Daemon threads",
        explanation:
          "A daemon thread (daemon: true, Python's setDaemon(True)) runs in the background and never keeps the program alive. " +
          "MainThread ends at once, the run waits for the non-daemon Worker, and then the endless Heartbeat thread is stopped. " +
          "On the timeline, Heartbeat's lane ends as stopped right after Worker's lane is done.",
      },
      zh: {
        title: "守护线程",
        explanation:
          "守护线程（daemon: true，即 Python 的 setDaemon(True)）在后台运行，不会让程序一直不退出。" +
          "主线程马上结束，程序等待非守护线程 Worker 结束，然后那个永不结束的 Heartbeat 线程被直接停止。" +
          "在时间线上，Worker 结束后，Heartbeat 的泳道随即以“已停止”收尾。一般把不重要的线程设置为守护线程。",
      },
    },
  },
  {
    id: "timer",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /done[\s\S]*worker running/,
    code: `// Timer: a thread that calls a function after a delay, unless cancelled first.
import { Timer, print, sleep } from "playground";

function delayed(who: string) {
  print(who, "running");
}

// Call delayed("worker") after 300 ms.
const t1 = new Timer(300, delayed, ["worker"]);
t1.name = "t1";
const t2 = new Timer(300, delayed, ["cancelled timer"]);
t2.name = "t2";

print("starting timers");
t1.start();
t2.start();

sleep(200);
t2.cancel(); // before its 300 ms are up: it never calls its function
print("done");
// t1 still fires after "done": the run waits for it.
`,
    text: {
      en: {
        title: "Timer: run a function later",
        explanation:
          "new Timer(ms, fn, args) is a thread that waits ms milliseconds and then calls fn; cancel() before then stops it. " +
          "MainThread prints done at 200 ms, and t1 still prints 'worker running' at about 300 ms, because the run waits for it. " +
          "On the timeline, t1's lane waits then runs briefly; t2's lane ends early, at the moment it is cancelled.",
      },
      zh: {
        title: "线程定时器 Timer",
        explanation:
          "new Timer(ms, fn, args) 是一个线程，它在 ms 毫秒之后调用 fn；在此之前调用 cancel() 可以取消执行。" +
          "主线程在 200 毫秒时打印 done，而 t1 在大约 300 毫秒时仍会打印 “worker running”，因为程序会等它结束。" +
          "在时间线上，t1 的泳道先等待、再短暂运行；t2 的泳道在被取消的那一刻就提前结束了。",
      },
    },
  },
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
];
