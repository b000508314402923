// More of the threads topic: waiting for a thread (join with a timeout),
// daemon threads, and Timer. Thread-local data and how a program ends are in
// thread-local-exit.ts.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const THREAD_LIFECYCLE_EXAMPLES: Example[] = withCodeZh([
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
    commentsZh: {
      "join(timeoutMs) waits at most that long;\n// isAlive() tells whether the thread has ended.":
        "join(timeoutMs) 最多等待这么久；\n// isAlive() 判断线程是否已经结束。",
      "give up after 100 ms": "100 毫秒后放弃等待",
      "now wait as long as it takes": "这次一直等到它结束为止",
    },
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
    commentsZh: {
      "A daemon thread does not keep the program alive:\n// it is stopped when the rest has finished.": "守护线程不会让程序一直运行下去：\n// 其余的线程都结束后，它就会被停止。",
      "never ends by itself": "自己永远不会结束",
    },
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
    commentsZh: {
      "Timer: a thread that calls a function after a delay, unless cancelled first.": "定时器 Timer：延迟一段时间后调用函数的线程，除非在此之前被取消。",
      "Call delayed(\"worker\") after 300 ms.": "300 毫秒后调用 delayed(\"worker\")。",
      "before its 300 ms are up: it never calls its function": "在 300 毫秒到期之前取消：它永远不会调用自己的函数",
      "t1 still fires after \"done\": the run waits for it.": "t1 仍会在 \"done\" 之后触发：程序会等它执行完。",
    },
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
]);
