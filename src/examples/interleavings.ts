// Interleavings: controlled runs (API.md §10), where one thread runs at a
// time and the playground chooses who goes at each step, so a learner can
// step through the lost update, replay it from a link, and let the search
// find the interleaving that breaks a program, or show that none does.
// Each runs with a fixed seed, so its first run is the same for everyone.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const INTERLEAVING_EXAMPLES: Example[] = withCodeZh([
  {
    id: "lost-update-steps",
    topic: "interleavings",
    expectedStatus: "ok",
    expectedOutput: "counter = 2",
    settings: { controlled: true, seed: 1 },
    races: [{ variable: "counter", lines: [7] }],
    code: `// Two threads add 1 to counter, one step at a time: which order loses an update?
import { Thread, print, assert } from "playground";

let counter = 0; // shared: each read and each write of it is a step

function work() {
  counter += 1; // two steps: read counter, then write counter
}

const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start();
b.start();
a.join();
b.join();
print("counter = " + counter);
assert(counter === 2, "an update was lost");
`,
    commentsZh: {
      "Two threads add 1 to counter, one step at a time: which order loses an update?": "两个线程各给 counter 加 1，一次一步：哪种顺序会丢失更新？",
      "shared: each read and each write of it is a step": "共享变量：对它的每次读和每次写都是一步",
      "two steps: read counter, then write counter": "两步：先读 counter，再写 counter",
    },
    text: {
      en: {
        title: "The lost update, step by step",
        explanation:
          "This runs controlled: one thread at a time, and the playground decides who goes at each step, so the same seed gives the same run every time. " +
          "counter += 1 is two steps, a read and a write. With this seed the scheduler switches threads three times (the summary's 3 preemptions), but never between a thread's read and its write, so counter ends at 2. " +
          "Press Step and advance the threads yourself: let Thread-1 read counter, then let Thread-2 read and write, then let Thread-1 write. Thread-1 writes back the value it read before Thread-2's update, so one update is lost and the assert fails. " +
          "Or press Find a failing interleaving: it tries schedules with no preemption, then one, and finds that it takes exactly one.",
      },
      zh: {
        title: "逐步看清丢失的更新",
        explanation:
          "这个例子以受控方式运行：每次只有一个线程执行，每一步由 playground 决定轮到谁，所以同一个种子每次都得到同样的运行。" +
          "counter += 1 是两步：一次读和一次写。用这个种子时调度器切换了三次线程（总结里的 3 次抢占），但从没在一个线程的读和写之间切换，所以 counter 最后是 2。" +
          "按“单步”自己推进线程：先让 Thread-1 读 counter，再让 Thread-2 读并写，最后让 Thread-1 写。Thread-1 写回的是它在 Thread-2 更新之前读到的值，于是丢失了一次更新，assert 失败。" +
          "也可以按“寻找出错的交错”：它先试不抢占的调度，再试抢占一次的，发现恰好需要一次抢占。",
      },
    },
  },
  {
    id: "deadlock-search",
    topic: "interleavings",
    expectedStatus: "ok",
    expectedOutput: "finished: no deadlock in this interleaving",
    settings: { controlled: true, seed: 1 },
    code: `// Two threads take two locks in opposite orders. Most interleavings finish; one does not.
import { Thread, Lock, print } from "playground";

const lockA = new Lock();
const lockB = new Lock();

function one() {
  lockA.acquire();
  lockB.acquire(); // waits here while two holds lockB
  lockB.release();
  lockA.release();
}

function two() {
  lockB.acquire();
  lockA.acquire(); // waits here while one holds lockA
  lockA.release();
  lockB.release();
}

const a = new Thread({ target: one });
const b = new Thread({ target: two });
a.start();
b.start();
a.join();
b.join();
print("finished: no deadlock in this interleaving");
`,
    commentsZh: {
      "Two threads take two locks in opposite orders. Most interleavings finish; one does not.": "两个线程以相反的顺序获取两把锁。大多数交错都能结束，有一种不能。",
      "waits here while two holds lockB": "two 持有 lockB 时在这里等待",
      "waits here while one holds lockA": "one 持有 lockA 时在这里等待",
    },
    text: {
      en: {
        title: "A deadlock the search finds",
        explanation:
          "Run it: with this seed one thread takes both locks before the other starts, and the program finishes. Run it many times in parallel and it may finish every time too: the deadlock needs bad luck. " +
          "Press Find a failing interleaving: the search needs only one preemption, Thread-2 taking lockB right after Thread-1 took lockA, and then each waits for the lock the other holds. " +
          "The failing run opens on the timeline and replays from its link. The fix is one order for everyone: take lockA before lockB in two() as well, and search again.",
      },
      zh: {
        title: "搜索找出的死锁",
        explanation:
          "直接运行：用这个种子时，一个线程在另一个开始之前就拿到了两把锁，程序正常结束。即使并行运行很多次，也可能每次都正常结束：死锁需要坏运气。" +
          "按“寻找出错的交错”：搜索只需要一次抢占：Thread-1 拿到 lockA 之后，Thread-2 马上拿到 lockB，然后双方都在等对方持有的锁。" +
          "出错的那次运行会显示在时间线上，也能通过链接重放。修复办法是所有人按同一顺序加锁：在 two() 里也先拿 lockA 再拿 lockB，然后再搜索一次。",
      },
    },
  },
  {
    id: "break-this",
    topic: "interleavings",
    expectedStatus: "ok",
    expectedOutput: "counter = 2",
    settings: { controlled: true, seed: 1 },
    code: `// Can you break this? Search for an interleaving that loses an update.
import { Thread, Lock, print, assert } from "playground";

let counter = 0;
const lock = new Lock();

function work() {
  lock.acquire();
  counter += 1; // only the thread holding the lock gets here
  lock.release();
}

const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start();
b.start();
a.join();
b.join();
print("counter = " + counter);
assert(counter === 2, "an update was lost");
`,
    commentsZh: {
      "Can you break this? Search for an interleaving that loses an update.": "你能让它出错吗？搜索一种会丢失更新的交错。",
      "only the thread holding the lock gets here": "只有持有锁的线程能执行到这里",
    },
    text: {
      en: {
        title: "Can you break this?",
        explanation:
          "The same two increments, now inside a lock. Press Find a failing interleaving: the search tries every schedule with up to two preemptions and then random ones, and finds none that loses an update, because no other thread can take a step between the read and the write while the lock is held. " +
          "Now break it: move lock.release() above counter += 1, or delete the lock, and search again. The race detector agrees: it is quiet here and names counter once the lock is gone.",
      },
      zh: {
        title: "你能让它出错吗？",
        explanation:
          "同样的两次加一，现在放在锁里面。按“寻找出错的交错”：搜索会试遍最多两次抢占的所有调度，再试一些随机调度，找不到任何会丢失更新的交错，因为持有锁的时候，别的线程无法在读和写之间插进来。" +
          "现在试着弄坏它：把 lock.release() 移到 counter += 1 上面，或者去掉锁，再搜索一次。竞争检测器的结论一样：这里它没有报告，去掉锁之后它会指出 counter。",
      },
    },
  },
  {
    id: "condition-if-while",
    topic: "interleavings",
    expectedStatus: "ok",
    expectedOutput: "items left: 0",
    settings: { controlled: true, seed: 2 },
    code: `// Two consumers wait for an item with if, where while belongs. Can the search break it?
import { Thread, Condition, print, assert } from "playground";

const cond = new Condition();
let items = 0; // shared: the producer adds, the consumers take

function consumer() {
  cond.with(() => {
    if (items === 0) cond.wait(); // a wakeup is not a promise: check again with while
    items -= 1;
    assert(items >= 0, "took an item that was not there");
  });
}

function producer() {
  for (let i = 0; i < 2; i++) {
    cond.with(() => {
      items += 1;
      cond.notifyAll(); // wakes every waiter, for one item
    });
  }
}

const threads = [consumer, consumer, producer].map((target) => new Thread({ target }));
threads.forEach((t) => t.start());
threads.forEach((t) => t.join());
print("items left: " + items);
`,
    commentsZh: {
      "Two consumers wait for an item with if, where while belongs. Can the search break it?": "两个消费者用 if 等待物品，而这里应该用 while。搜索能让它出错吗？",
      "shared: the producer adds, the consumers take": "共享变量：生产者放入，消费者取走",
      "a wakeup is not a promise: check again with while": "被唤醒不等于条件成立：应该用 while 再检查一次",
      "wakes every waiter, for one item": "只有一个物品，却唤醒了所有等待者",
    },
    text: {
      en: {
        title: "Condition: if or while?",
        explanation:
          "A producer adds two items, one at a time, and wakes every waiting consumer each time with notifyAll. Each consumer waits only if there is nothing yet, with if. " +
          "With this seed the run is fine: the consumers happen to come one after the other. Press Find a failing interleaving: when both consumers are waiting, one item's notifyAll wakes both, the first takes the item, and the second goes on without checking again and takes an item that is not there. " +
          "The fix is the rule of every condition variable: wait in a loop, while (items === 0) cond.wait(), or cond.waitFor(() => items > 0). Change it and search again: nothing breaks it.",
      },
      zh: {
        title: "条件变量：用 if 还是 while？",
        explanation:
          "生产者一次放入一个物品，共放两个，每次都用 notifyAll 唤醒所有等待的消费者。消费者只在还没有物品时等待，用的是 if。" +
          "用这个种子运行时一切正常：两个消费者恰好先后到来。按“寻找出错的交错”：当两个消费者都在等待时，一个物品的 notifyAll 把两个都唤醒，第一个取走物品，第二个不再检查就继续执行，取走了一个并不存在的物品。" +
          "修复办法是所有条件变量的规则：在循环里等待，写成 while (items === 0) cond.wait()，或者 cond.waitFor(() => items > 0)。改好后再搜索一次：什么交错都不能让它出错。",
      },
    },
  },
]);
