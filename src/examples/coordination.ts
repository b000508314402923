// Coordination between threads: Condition, Event and Barrier.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const COORDINATION_EXAMPLES: Example[] = withCodeZh([
  {
    id: "condition-wait-notify",
    topic: "coordination",
    expectedStatus: "ok",
    expectedOutput: /consumers took 6 items in all/,
    code: `// Condition: consumers wait until a producer has put items,
// and are notified when it does.
import { Thread, Condition, print, sleep, currentThread } from "playground";

const changed = new Condition();
let items = 0; // shared number: how many items are ready
let taken = 0;

function consumer(wanted: number) {
  for (let i = 0; i < wanted; i++) {
    changed.with(() => {
      // wait() releases the lock while waiting and takes it back before returning
      while (items === 0) changed.wait();
      items -= 1;
      taken += 1;
      print(currentThread().name, "took an item,", items, "left");
    });
  }
}

function producer() {
  for (let i = 1; i <= 3; i++) {
    sleep(100);
    changed.with(() => {
      items += 2;
      print("produced 2 items, now", items);
      changed.notifyAll(); // wake every waiting consumer
    });
  }
}

const threads = [
  new Thread({ target: consumer, args: [3], name: "Consumer-1" }),
  new Thread({ target: consumer, args: [3], name: "Consumer-2" }),
  new Thread({ target: producer, name: "Producer" }),
];
for (const t of threads) t.start();
for (const t of threads) t.join();
print("consumers took " + taken + " items in all");
`,
    commentsZh: {
      "Condition: consumers wait until a producer has put items,\n// and are notified when it does.": "条件变量 Condition：消费者等待生产者放入物品，\n// 生产者放入后会通知它们。",
      "shared number: how many items are ready": "共享的数字：已经准备好的物品数",
      "wait() releases the lock while waiting and takes it back before returning": "wait() 等待期间释放锁，返回之前重新获取锁",
      "wake every waiting consumer": "唤醒所有正在等待的消费者",
    },
    text: {
      en: {
        title: "Condition: wait until something changes",
        explanation:
          "A Condition pairs a lock with wait() and notify(): a consumer holding the lock calls wait(), which releases the lock and sleeps until the producer calls notifyAll(). " +
          "Always wait in a loop that re-checks the state (or use waitFor), since another consumer may have taken the item first. " +
          "On the timeline the consumer lanes are waiting between the producer's notifications, then wake up one after the other as they re-acquire the lock.",
      },
      zh: {
        title: "条件变量 Condition",
        explanation:
          "Condition 把一把锁和 wait()、notify() 组合在一起：持有锁的消费者调用 wait() 时会释放锁并等待，直到生产者调用 notifyAll() 唤醒它。" +
          "要在循环里 wait 并重新检查状态（或者用 waitFor），因为别的消费者可能已经先拿走了物品。" +
          "在时间线上，消费者的泳道在两次通知之间处于等待状态，被唤醒后依次重新获取锁。",
      },
    },
  },
  {
    id: "event-signal",
    topic: "coordination",
    expectedStatus: "ok",
    expectedOutput: /wait\(50\) returned false[\s\S]*all 3 workers finished/,
    code: `// Event: a flag threads wait for; set() releases every waiter at once.
import { Thread, Event, print, sleep, currentThread } from "playground";

const go = new Event();

function worker() {
  print(currentThread().name, "ready, waiting for the signal");
  go.wait(); // blocks until go.set()
  print(currentThread().name, "started");
  sleep(50);
}

const workers = [1, 2, 3].map(() => new Thread({ target: worker }));
for (const w of workers) w.start();

print("wait(50) returned " + go.wait(50)); // a timeout: the flag is not set yet
sleep(250);
print("set!");
go.set(); // every waiting thread wakes up together
for (const w of workers) w.join();
print("all 3 workers finished, flag is set: " + go.isSet());
`,
    commentsZh: {
      "Event: a flag threads wait for; set() releases every waiter at once.": "事件 Event：线程等待的一个标志；set() 一次放行所有等待的线程。",
      "blocks until go.set()": "阻塞，直到有线程调用 go.set()",
      "a timeout: the flag is not set yet": "超时：标志还没有被设置",
      "every waiting thread wakes up together": "所有等待的线程一起被唤醒",
    },
    text: {
      en: {
        title: "Event: a start signal",
        explanation:
          "An Event is a flag that starts clear: wait() blocks until some thread calls set(), and a wait with a timeout returns false if it never comes. " +
          "The three workers wait on the same event; when MainThread calls set() they all wake up and start together. " +
          "On the timeline the three lanes show waiting until the same instant, then run side by side.",
      },
      zh: {
        title: "事件 Event：开始信号",
        explanation:
          "Event 是一个初始为未设置的标志：wait() 一直阻塞，直到某个线程调用 set()；带超时的 wait 如果等不到就返回 false。" +
          "三个工作线程等待同一个事件，主线程调用 set() 后它们同时被唤醒、一起开始。" +
          "在时间线上，三条泳道一直等待到同一时刻，然后并排运行。",
      },
    },
  },
  {
    id: "barrier-rounds",
    topic: "coordination",
    expectedStatus: "ok",
    expectedOutput: /round 1 done[\s\S]*round 2 done/,
    code: `// Barrier: each thread waits at the barrier until all of them have arrived,
// round after round.
import { Thread, Barrier, print, sleep, currentThread } from "playground";

let round = 0;
// The action runs once per round, in the last thread to arrive.
const step = new Barrier(3, () => {
  round += 1;
  print("round " + round + " done");
});

function runner(speedMs: number) {
  for (let r = 1; r <= 2; r++) {
    sleep(speedMs * r); // some threads are slower than others
    print(currentThread().name, "arrived, round", r);
    step.wait(); // nobody goes on before all 3 have arrived
  }
}

const threads = [60, 120, 200].map(
  (ms) => new Thread({ target: runner, args: [ms] }),
);
for (const t of threads) t.start();
for (const t of threads) t.join();
print("finished after", round, "rounds");
`,
    commentsZh: {
      "Barrier: each thread waits at the barrier until all of them have arrived,\n// round after round.":
        "栅栏 Barrier：每个线程都在栅栏处等待，直到所有线程都到达，\n// 一轮接一轮。",
      "The action runs once per round, in the last thread to arrive.": "action 每轮执行一次，由最后到达的线程执行。",
      "some threads are slower than others": "有些线程比别的线程慢",
      "nobody goes on before all 3 have arrived": "3 个线程全部到达之前，谁也不能继续",
    },
    text: {
      en: {
        title: "Barrier: wait for everyone",
        explanation:
          "A Barrier(3) lets no thread through until three threads are waiting at it; then all go on together and the barrier is ready for the next round. " +
          "The fast threads arrive early and wait; the optional action prints once per round, in the last thread to arrive. " +
          "On the timeline the waiting bars of the fast lanes all end at the same instant, when the slowest lane arrives.",
      },
      zh: {
        title: "栅栏 Barrier：等所有人到齐",
        explanation:
          "Barrier(3) 要等三个线程都到达后才放行，然后所有线程一起继续，栅栏也为下一轮做好准备。" +
          "快的线程先到，只能等待；可选的 action 每轮由最后到达的线程执行一次。" +
          "在时间线上，快线程的等待段都在同一时刻结束，也就是最慢的线程到达的时候。",
      },
    },
  },
]);
