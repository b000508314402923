// Bounding how many threads work at once, the three ways: a semaphore, a
// pool executor, and a queue of work served by N worker threads.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const LIMIT_EXAMPLES: Example[] = withCodeZh([
  {
    id: "semaphore-limit",
    topic: "limits",
    expectedStatus: "ok",
    expectedOutput: /at most 2 downloads at once[\s\S]*extra release\(\): ValueError/,
    code: `// Semaphore(2): six threads, but at most two inside the guarded part at any time.
import {
  Thread, Semaphore, BoundedSemaphore, Lock, print, sleep, currentThread,
} from "playground";

const slots = new Semaphore(2);
const countLock = new Lock();
let inside = 0;
let most = 0;

function download(url: string) {
  slots.with(() => {           // acquire a slot, release it when done
    countLock.with(() => { inside += 1; most = Math.max(most, inside); });
    print(currentThread().name, "downloads", url);
    sleep(100);
    countLock.with(() => { inside -= 1; });
  });
}

const threads = ["a", "b", "c", "d", "e", "f"].map(
  (page) => new Thread({ target: download, args: ["/page/" + page] }),
);
for (const t of threads) t.start();
for (const t of threads) t.join();
print("at most " + most + " downloads at once");

// A BoundedSemaphore catches a release() without a matching acquire().
const bounded = new BoundedSemaphore(2);
bounded.acquire();
bounded.release();
try {
  bounded.release(); // one more than it started with
} catch (e) {
  print("extra release(): " + (e as Error).name);
}
`,
    commentsZh: {
      "Semaphore(2): six threads, but at most two inside the guarded part at any time.": "信号量 Semaphore(2)：六个线程，但任何时刻最多只有两个在受保护的部分里。",
      "acquire a slot, release it when done": "取得一个名额，用完后释放",
      "A BoundedSemaphore catches a release() without a matching acquire().": "BoundedSemaphore 能发现没有对应 acquire() 的 release()。",
      "one more than it started with": "比初始值多释放了一次",
    },
    text: {
      en: {
        title: "Limit concurrency with a Semaphore",
        explanation:
          "A Semaphore(2) holds two slots: acquire() takes one and waits while there is none, release() gives it back. " +
          "Six threads start, but the timeline shows only two downloading at a time while the other lanes are blocked on the semaphore. " +
          "A BoundedSemaphore also refuses to go above its starting value: an extra release() raises ValueError, which usually reveals a bug.",
      },
      zh: {
        title: "用信号量控制最大线程数",
        explanation:
          "Semaphore(2) 有两个名额：acquire() 取走一个，没有名额时等待；release() 归还一个。" +
          "六个线程都启动了，但时间线上同一时刻只有两个在下载，其余泳道都阻塞在信号量上。" +
          "BoundedSemaphore 还不允许超过初始值：多调用一次 release() 会抛出 ValueError，这通常意味着程序有错误。",
      },
    },
  },
  {
    id: "thread-pool-executor",
    topic: "limits",
    expectedStatus: "ok",
    expectedOutput: /map results: 1 4 9 16 25 36 49 64[\s\S]*submit results: 10 20 30/,
    code: `// A ThreadPoolExecutor runs many tasks on a fixed number of worker threads.
import {
  ThreadPoolExecutor, asCompleted, currentThread, print, sleep,
} from "playground";

function fetch(n: number) {
  print(currentThread().name, "fetches", n);
  sleep(60);
  return n * n;
}

function nap(ms: number) {
  sleep(ms * 3);
  return ms;
}

const executor = new ThreadPoolExecutor(3); // never more than 3 threads
// map: like Pool.map, results in input order
const squares = executor.map(fetch, [1, 2, 3, 4, 5, 6, 7, 8]);
print("map results: " + squares.join(" "));

// submit: one Future per task; asCompleted yields them as they finish
const futures = [30, 10, 20].map((n) => executor.submit(nap, n));
for (const f of asCompleted(futures)) print("done:", f.result());
const all = futures.map((f) => f.result()).sort((a, b) => a - b);
print("submit results: " + all.join(" "));
executor.shutdown(); // wait for the workers and stop them
`,
    commentsZh: {
      "A ThreadPoolExecutor runs many tasks on a fixed number of worker threads.": "线程池 ThreadPoolExecutor 用固定数量的工作线程执行许多任务。",
      "never more than 3 threads": "永远不会超过 3 个线程",
      "map: like Pool.map, results in input order": "map：和 Pool.map 一样，结果按输入的顺序返回",
      "submit: one Future per task; asCompleted yields them as they finish": "submit：每个任务一个 Future；asCompleted 按完成的先后给出它们",
      "wait for the workers and stop them": "等待工作线程做完，然后停止它们",
    },
    text: {
      en: {
        title: "Limit concurrency with a thread pool",
        explanation:
          "ThreadPoolExecutor(3) starts at most three worker threads and feeds them the tasks one after another, so eight tasks never use more than three threads. " +
          "map() returns the results in input order; submit() returns a Future per task, and asCompleted() yields them in the order they finish. " +
          "On the timeline, three ThreadPoolExecutor lanes each run several task boxes back to back. A multiprocessing Pool bounds processes the same way.",
      },
      zh: {
        title: "用线程池控制最大线程数",
        explanation:
          "ThreadPoolExecutor(3) 最多启动三个工作线程，把任务一个接一个地交给它们，所以八个任务永远不会占用超过三个线程。" +
          "map() 按输入顺序返回结果；submit() 为每个任务返回一个 Future，asCompleted() 按完成的先后顺序给出它们。" +
          "在时间线上，三条 ThreadPoolExecutor 泳道各自接连执行好几个任务方框。进程池 Pool 也是用同样的方式限制进程数量的。",
      },
    },
  },
  {
    id: "queue-worker-threads",
    topic: "limits",
    expectedStatus: "ok",
    expectedOutput: "all 12 urls handled by 3 threads",
    code: `// N worker threads take work from a queue:
// each one picks the next item when it is done.
import { Thread, Queue, Empty, Lock, print, sleep, currentThread } from "playground";

const THREAD_LINE = 3; // the number of worker threads
const urlQueue = new Queue<string>();
for (let i = 1; i <= 12; i++) urlQueue.put("/article/" + i);

const doneLock = new Lock();
let handled = 0;

function queueChild(q: Queue<string>) {
  while (!q.empty()) {
    let url: string;
    try {
      url = q.getNowait(); // another worker may have taken the last item
    } catch (e) {
      if (e instanceof Empty) break;
      throw e;
    }
    sleep(40 + (url.length % 3) * 30); // fetch the page
    print(currentThread().name, "got", url);
    doneLock.with(() => { handled += 1; });
    q.taskDone();
  }
}

const tl = [];
for (let i = 0; i < THREAD_LINE; i++) {
  const th = new Thread({ target: queueChild, args: [urlQueue] });
  tl.push(th);
  th.start();
}
urlQueue.join(); // returns when taskDone() was called for every item
for (const th of tl) th.join();
print("all " + handled + " urls handled by " + THREAD_LINE + " threads");
`,
    commentsZh: {
      "N worker threads take work from a queue:\n// each one picks the next item when it is done.": "N 个工作线程从队列里取任务：\n// 每个线程做完一项，就接着取下一项。",
      "the number of worker threads": "工作线程的数量",
      "another worker may have taken the last item": "最后一项可能已被别的工作线程取走",
      "fetch the page": "下载这个页面",
      "returns when taskDone() was called for every item": "每一项都调用过 taskDone() 之后才返回",
    },
    text: {
      en: {
        title: "Limit concurrency with a queue and N workers",
        explanation:
          "All the work goes into a Queue first; then exactly three threads loop, each taking the next item as soon as it has finished the previous one. " +
          "Fast workers simply take more items, so the work balances itself. queue.join() returns once taskDone() has been called for every item. " +
          "On the timeline, three lanes stay busy until the queue's depth reaches zero.",
      },
      zh: {
        title: "用队列加 N 个工作线程控制最大线程数",
        explanation:
          "先把需处理的数据全部放进队列，然后只启动三个线程循环处理，每个线程处理完一个任务后，自动接下一个任务。" +
          "处理得快的线程自然会多接几个任务，负载自动均衡。所有数据都调用过 taskDone() 之后，queue.join() 才会返回。" +
          "在时间线上，三条泳道一直忙碌，直到队列深度降为零。",
      },
    },
  },
]);
