// Starting threads, the ways the tutorials show: a target function, a Thread
// subclass, the low-level startNewThread; and thread names.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const THREAD_EXAMPLES: Example[] = withCodeZh([
  {
    id: "thread-target",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /thread LoopThread ended\.\nthread MainThread ended\./,
    code: `// Start a thread by passing a function as its target, then wait for it with join().
import { Thread, currentThread, print, sleep } from "playground";

// The code the new thread runs.
function loop() {
  print("thread", currentThread().name, "is running...");
  for (let n = 1; n <= 5; n++) {
    print("thread", currentThread().name, ">>>", n);
    sleep(100);
  }
  print("thread", currentThread().name, "ended.");
}

print("thread", currentThread().name, "is running...");
const t = new Thread({ target: loop, name: "LoopThread" });
t.start();
t.join(); // MainThread waits here until LoopThread has finished
print("thread", currentThread().name, "ended.");
`,
    commentsZh: {
      "Start a thread by passing a function as its target, then wait for it with join().": "把一个函数作为 target 传入来启动线程，再用 join() 等待它结束。",
      "The code the new thread runs.": "新线程要执行的代码。",
      "MainThread waits here until LoopThread has finished": "主线程在这里等待，直到 LoopThread 结束",
    },
    text: {
      en: {
        title: "Start a thread with a target function",
        explanation:
          "new Thread({ target, name }) wraps a function; start() runs it in a new thread and join() waits for it to finish. " +
          "On the timeline, LoopThread's lane alternates between running and sleeping while MainThread's lane waits in join() " +
          "until LoopThread ends; only then does MainThread print its last line.",
      },
      zh: {
        title: "用目标函数启动线程",
        explanation:
          "new Thread({ target, name }) 把一个函数包装成线程，start() 启动线程，join() 等待它结束。" +
          "在时间线上，LoopThread 的泳道在运行和睡眠之间交替，而主线程 MainThread 停在 join() 上等待，" +
          "直到 LoopThread 结束后才打印最后一行。",
      },
    },
  },
  {
    id: "thread-subclass",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: "both timers stopped",
    // the stop flag is polled without a lock or an Event: a data race the detector reports (Python gets by under the GIL)
    races: [{ variable: "this.threadStop", lines: [13, 20] }],
    code: `// Subclass Thread and override run(); a stop flag set by MainThread ends the loop.
import { Thread, print, sleep, now } from "playground";

class TimerThread extends Thread {
  threadStop = false; // boolean fields are shared between the thread and MainThread

  constructor(public num: number, public interval: number) {
    super();
  }

  // What the thread does: start() calls run() in the new thread.
  run() {
    while (!this.threadStop) {
      print("Thread Object(" + this.num + "), Time: " + now().toFixed(0) + " ms");
      sleep(this.interval);
    }
  }

  stop() {
    this.threadStop = true;
  }
}

const thread1 = new TimerThread(1, 100);
const thread2 = new TimerThread(2, 200);
thread1.start();
thread2.start();
sleep(650);
thread1.stop();
thread2.stop();
thread1.join();
thread2.join();
print("both timers stopped");
`,
    commentsZh: {
      "Subclass Thread and override run(); a stop flag set by MainThread ends the loop.": "继承 Thread 并重写 run()；主线程设置的停止标志让循环结束。",
      "boolean fields are shared between the thread and MainThread": "布尔字段由这个线程和主线程共享",
      "What the thread does: start() calls run() in the new thread.": "线程要做的事：start() 会在新线程中调用 run()。",
    },
    text: {
      en: {
        title: "A Thread subclass that overrides run()",
        explanation:
          "Subclassing Thread and overriding run() is the other classic way to define a thread. " +
          "The boolean field threadStop is shared, so when MainThread calls stop() the loop in the thread sees it. " +
          "On the timeline, Thread-1 wakes every 100 ms and Thread-2 every 200 ms, and both end shortly after MainThread calls stop(). " +
          "The race detector flags threadStop (lines 13 and 20): the flag is read and written with nothing ordering the two, which works here but is a data race; an Event (threading.Event) is the clean way to say stop. " +
          "Find the bug: Interleavings shows how to step through two threads' reads and writes of one shared variable, one step at a time.",
      },
      zh: {
        title: "继承 Thread 并重写 run()",
        explanation:
          "继承 Thread 类并重写 run() 方法，是创建线程的另一种常见写法。" +
          "布尔字段 threadStop 是线程和主线程共享的，所以主线程调用 stop() 后，线程里的循环就能看到并退出。" +
          "在时间线上，Thread-1 每 100 毫秒醒来一次，Thread-2 每 200 毫秒一次，主线程调用 stop() 后两者很快结束。" +
          "竞争检测器会标出 threadStop（第 13 行和第 20 行）：这个标志的读和写之间没有任何同步，这里碰巧能用，但它是数据竞争；用 Event（threading.Event）来通知停止才是干净的做法。" +
          "找出问题：在“交错与调度”里可以一步一步地看两个线程如何读写同一个共享变量。",
      },
    },
  },
  {
    id: "start-new-thread",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /start running[\s\S]*run finished/,
    code: `// The low-level form (Python's _thread.start_new_thread):
// the thread starts at once.
import { startNewThread, print, sleep } from "playground";

function timer(no: number, intervalMs: number) {
  for (let cnt = 0; cnt < 3; cnt++) {
    print("Thread:(" + no + ") count", cnt);
    sleep(intervalMs);
  }
}

// Each call returns the new thread's ident; there is no object to join().
const id1 = startNewThread(timer, [1, 50]);
const id2 = startNewThread(timer, [2, 80]);
print("start running, idents", id1, id2);

// These threads are daemons: without this sleep the run would end now
// and stop them.
sleep(500);
print("run finished");
`,
    commentsZh: {
      "The low-level form (Python's _thread.start_new_thread):\n// the thread starts at once.":
        "低级的写法（即 Python 的 _thread.start_new_thread）：\n// 线程立即启动。",
      "Each call returns the new thread's ident; there is no object to join().": "每次调用返回新线程的标识符，没有可以 join() 的对象。",
      "These threads are daemons: without this sleep the run would end now\n// and stop them.": "这些线程是守护线程：如果没有这个 sleep，程序现在就会结束，\n// 并把它们停掉。",
    },
    text: {
      en: {
        title: "startNewThread: the low-level way",
        explanation:
          "startNewThread(fn, args) is Python's _thread.start_new_thread: the thread starts immediately and you only get its ident back, no object to join(). " +
          "Such threads are daemons, so MainThread sleeps to give them time, as the tutorial does. " +
          "Try a shorter sleep: the two lanes are then cut short and drawn as stopped when the run ends.",
      },
      zh: {
        title: "startNewThread：低级的 _thread 模块",
        explanation:
          "startNewThread(fn, args) 对应 Python 的 _thread.start_new_thread：线程立即启动，只返回线程标识符，没有可以 join() 的对象。" +
          "这样的线程是守护线程，所以主线程像教程里那样 sleep 一会儿，给它们时间运行。" +
          "把 sleep 改短试试：程序结束时两条泳道会被截断，显示为已停止。",
      },
    },
  },
  {
    id: "thread-names",
    topic: "threads",
    expectedStatus: "ok",
    expectedOutput: /main thread: MainThread/,
    code: `// Thread names, currentThread(), mainThread(), activeCount() and enumerate().
import {
  Thread, currentThread, mainThread, activeCount, enumerate, print, sleep,
} from "playground";

function work() {
  const me = currentThread();
  print("I am", me.name, "ident", me.ident, "daemon", me.daemon);
  sleep(150);
}

const a = new Thread({ target: work });              // default name: Thread-1
const b = new Thread({ target: work, name: "worker-b" });
const c = new Thread({ target: work });
c.name = "renamed"; // names can be changed, like setName()
for (const t of [a, b, c]) t.start();

sleep(50);
print("main thread:", mainThread().name);
print("alive now:", activeCount());
print("names:", enumerate().map((t) => t.name).sort().join(", "));
for (const t of [a, b, c]) t.join();
print("alive after join:", activeCount());
`,
    commentsZh: {
      "Thread names, currentThread(), mainThread(), activeCount() and enumerate().":
        "线程名，以及 currentThread()、mainThread()、activeCount() 和 enumerate()。",
      "default name: Thread-1": "默认名字：Thread-1",
      "names can be changed, like setName()": "名字可以修改，就像 setName()",
    },
    text: {
      en: {
        title: "Thread names and currentThread()",
        explanation:
          "Every thread has a name: MainThread for the program itself, Thread-N by default, or the name you give. " +
          "currentThread() tells a thread who it is; activeCount() and enumerate() list the threads alive right now. " +
          "Each output line and each timeline lane is labelled with the thread's name.",
      },
      zh: {
        title: "线程名与 currentThread()",
        explanation:
          "每个线程都有名字：程序本身是 MainThread，其他线程默认叫 Thread-N，也可以自己指定。" +
          "currentThread() 返回当前线程的实例；activeCount() 和 enumerate() 列出此刻还活着的线程。" +
          "每一行输出和时间线上的每条泳道都标着线程的名字。",
      },
    },
  },
]);
