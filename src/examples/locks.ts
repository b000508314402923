// Locks: the lost update without one, the fix with Lock, the re-entrant
// RLock, and the deadlock two locks taken in opposite orders make.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const LOCK_EXAMPLES: Example[] = withCodeZh([
  {
    id: "race-without-lock",
    topic: "locks",
    expectedStatus: "ok",
    expectedOutput: /expected 600000, got \d+/,
    races: [{ variable: "counter", lines: [11] }],
    code: `// Three threads add 1 to a shared counter with no lock: updates get lost.
import { Thread, Barrier, print } from "playground";

const N = 200_000;
let counter = 0;              // top-level numbers are shared by every thread
const start = new Barrier(3); // all three begin counting together

function add() {
  start.wait();
  for (let i = 0; i < N; i++) {
    counter += 1; // read, add, write: another thread can write in between
  }
}

const threads = [1, 2, 3].map(() => new Thread({ target: add }));
for (const t of threads) t.start();
for (const t of threads) t.join();
print("expected " + 3 * N + ", got " + counter);
const lost = 3 * N - counter;
print(lost === 0 ? "lucky this time: run it again" : "lost " + lost + " updates");
`,
    commentsZh: {
      "Three threads add 1 to a shared counter with no lock: updates get lost.": "三个线程不加锁地给共享的计数器加 1：有些更新会丢失。",
      "top-level numbers are shared by every thread": "顶层的数字变量由所有线程共享",
      "all three begin counting together": "三个线程同时开始计数",
      "read, add, write: another thread can write in between": "读取、加一、写回：别的线程可能在这中间写入",
    },
    text: {
      en: {
        title: "A race condition: counting without a lock",
        explanation:
          "counter += 1 is three steps (read, add, write), and the three threads really run in parallel, so two of them often read the same value and one update is lost. " +
          "The total is almost always short of 600000, and differs from run to run. " +
          "On the timeline the three lanes run side by side, all at once: that overlap is what makes the race. " +
          "Turn on the race detector and run it again: it names counter and line 11, read by one thread and written by another with nothing ordering them. " +
          "Find the bug step by step: Interleavings → The lost update, step by step shows the one interleaving that loses an update, and the search finds it for you.",
      },
      zh: {
        title: "竞争条件：不加锁的计数",
        explanation:
          "counter += 1 其实是三步（读取、加一、写回），三个线程又是真正并行执行的，所以常常有两个线程读到同一个值，其中一次更新就丢失了。" +
          "结果几乎总是小于 600000，而且每次运行都不一样。" +
          "在时间线上三条泳道同时在运行，正是这种重叠造成了竞争。" +
          "打开竞争检测器再运行一次：它会指出 counter 和第 11 行，一个线程读、另一个线程写，两者之间没有任何同步。" +
          "一步一步找出问题：“交错与调度 → 逐步看清丢失的更新”展示了丢失更新的那一种交错，搜索也能替你找到它。",
      },
    },
  },
  {
    id: "check-then-act",
    topic: "locks",
    expectedStatus: "ok",
    expectedOutput: /balance: -?\d+/,
    // line 9 only when the first write comes before the other thread's read at line 11
    races: [{ variable: "balance", lines: [9, 11], sometimes: [9] }],
    code: `// Check, then act: two threads each see enough money, and both withdraw it.
import { Thread, Barrier, print, sleep } from "playground";

let balance = 100;            // shared by every thread
const start = new Barrier(2); // both try at the same moment

function withdraw(amount: number) {
  start.wait();
  if (balance >= amount) {    // check...
    sleep(20);                // (any delay between the check and the act)
    balance -= amount;        // ...then act: the check may be stale by now
  }
}

const a = new Thread({ target: withdraw, args: [80] });
const b = new Thread({ target: withdraw, args: [80] });
a.start();
b.start();
a.join();
b.join();
print("balance: " + balance);
print(balance < 0 ? "overdrawn: both saw 100 before either withdrew" : "no overdraft this time: run it again");
// The fix: hold one Lock around both the check and the act.
`,
    commentsZh: {
      "Check, then act: two threads each see enough money, and both withdraw it.": "先检查再行动：两个线程都看到余额足够，于是都取了钱。",
      "shared by every thread": "由所有线程共享",
      "both try at the same moment": "两个线程同时尝试",
      "check...": "检查……",
      "(any delay between the check and the act)": "（检查和行动之间的任何延迟）",
      "...then act: the check may be stale by now": "……再行动：此时检查的结果可能已经过时",
      "The fix: hold one Lock around both the check and the act.": "修正方法：用同一把锁把检查和行动一起包起来。",
    },
    text: {
      en: {
        title: "Check, then act: a stale check overdraws the account",
        explanation:
          "Each thread checks the balance, then withdraws. Both check while the balance is still 100, so both withdraw, and the account ends at -60. " +
          "No single line is wrong: the race is in the gap between the check (line 9) and the act (line 11). " +
          "Turn on the race detector: it names balance and both lines. The fix is one Lock held across the check and the act (Python: with lock:). " +
          "Find the bug: the same mistake, two threads and one shared variable, is stepped through in Interleavings → The lost update, step by step.",
      },
      zh: {
        title: "先检查再行动：过时的检查让账户透支",
        explanation:
          "每个线程先检查余额，再取钱。两个线程检查时余额都还是 100，于是都取了钱，账户最后变成 -60。" +
          "没有哪一行单独是错的：竞争发生在检查（第 9 行）和行动（第 11 行）之间的空隙里。" +
          "打开竞争检测器，它会指出 balance 和这两行。修正方法是用一把锁同时包住检查和行动（Python 中是 with lock:）。" +
          "找出问题：同样的错误（两个线程、一个共享变量）在“交错与调度 → 逐步看清丢失的更新”中可以一步一步地看。",
      },
    },
  },
  {
    id: "lock-fixes-race",
    topic: "locks",
    expectedStatus: "ok",
    expectedOutput: "num = 5",
    code: `// The same kind of update, guarded by a Lock:
// only one thread at a time runs the critical section.
import { Thread, Lock, print, sleep, currentThread } from "playground";

const mylock = new Lock();
let num = 0;

function http() {
  mylock.acquire(); // only one thread gets past here at a time
  try {
    const seen = num;
    sleep(50);      // a slow step inside the critical section
    num = seen + 1; // safe: no other thread can change num meanwhile
    print(currentThread().name, "set num to", num);
  } finally {
    mylock.release(); // always release, even if an error was raised
  }
}

const threads = [];
for (let i = 0; i < 5; i++) {
  const th = new Thread({ target: http });
  th.start();
  threads.push(th);
}
for (const th of threads) th.join();
print("num = " + num);
// lock.with(() => { ... }) does the acquire/try/finally/release for you.
`,
    commentsZh: {
      "The same kind of update, guarded by a Lock:\n// only one thread at a time runs the critical section.":
        "同样的更新，用锁 Lock 保护起来：\n// 同一时刻只有一个线程能执行临界区。",
      "only one thread gets past here at a time": "同一时刻只有一个线程能通过这里",
      "a slow step inside the critical section": "临界区里一个较慢的步骤",
      "safe: no other thread can change num meanwhile": "安全：这期间别的线程无法修改 num",
      "always release, even if an error was raised": "无论是否出错，都要释放锁",
      "lock.with(() => { ... }) does the acquire/try/finally/release for you.": "lock.with(() => { ... }) 会替你完成 acquire/try/finally/release。",
    },
    text: {
      en: {
        title: "Fixing the race with a Lock",
        explanation:
          "lock.acquire() lets one thread in and makes the others wait; release() in a finally block hands the lock on even if an error is raised. " +
          "The read-sleep-write step would lose updates without the lock; with it num always ends at 5. " +
          "On the timeline the threads take turns: each lane is blocked on the lock until an arrow shows the lock handed over to it. " +
          "The price is visible too: the threads no longer run at the same time.",
      },
      zh: {
        title: "用锁解决竞争",
        explanation:
          "多个线程执行 lock.acquire() 时只有一个能成功获取锁，其他线程等待；在 finally 中 release() 释放锁，保证出错时锁也会被释放。" +
          "不加锁时“读取-睡眠-写回”会丢失更新；加锁后 num 总是等于 5。" +
          "在时间线上线程轮流执行：每条泳道都阻塞在锁上，直到一个箭头显示锁交给了它。" +
          "代价也很明显：线程不再并发执行，效率降低了。",
      },
    },
  },
  {
    id: "rlock-reentrant",
    topic: "locks",
    expectedStatus: "ok",
    expectedOutput: /plain Lock, second acquire: false[\s\S]*balance = 300/,
    code: `// RLock: the thread that holds it may acquire it again (re-entrant);
// a plain Lock would block itself.
import { Thread, Lock, RLock, print } from "playground";

// With a plain Lock, a second acquire by the same thread waits forever;
// here it gives up after 100 ms so that the program goes on.
const plain = new Lock();
plain.acquire();
print("plain Lock, second acquire:", plain.acquire(true, 100));
plain.release();

const rlock = new RLock();
let balance = 0;

function deposit(amount: number) {
  rlock.with(() => { balance += amount; });
}

function depositTwice(amount: number) {
  rlock.with(() => {
    // Already holding rlock, deposit() takes it again: fine with an RLock.
    deposit(amount);
    deposit(amount);
  });
}

const threads = [50, 100].map(
  (amount) => new Thread({ target: depositTwice, args: [amount] }),
);
for (const t of threads) t.start();
for (const t of threads) t.join();
print("balance = " + balance);
`,
    commentsZh: {
      "RLock: the thread that holds it may acquire it again (re-entrant);\n// a plain Lock would block itself.":
        "递归锁 RLock：持有它的线程可以再次获取它（可重入）；\n// 普通的锁 Lock 则会把自己阻塞住。",
      "With a plain Lock, a second acquire by the same thread waits forever;\n// here it gives up after 100 ms so that the program goes on.":
        "普通的锁 Lock 被同一个线程第二次 acquire 时会永远等待；\n// 这里 100 毫秒后放弃，好让程序继续运行。",
      "Already holding rlock, deposit() takes it again: fine with an RLock.": "已经持有 rlock 时，deposit() 再次获取它：对递归锁 RLock 来说没有问题。",
    },
    text: {
      en: {
        title: "RLock: a re-entrant lock",
        explanation:
          "A plain Lock does not know who holds it, so a thread that acquires it twice blocks on itself (here the second acquire times out after 100 ms and returns false). " +
          "An RLock remembers its owner and counts: depositTwice() holds it and calls deposit(), which takes it again, and the lock is free only after as many releases. " +
          "On the timeline, MainThread's lane shows the 100 ms blocked on its own lock; the two threads then take turns on the RLock.",
      },
      zh: {
        title: "递归锁 RLock",
        explanation:
          "普通的锁 Lock 不记录是谁持有它，同一个线程第二次获取就会被自己阻塞（这里第二次 acquire 在 100 毫秒后超时，返回 false）。" +
          "递归锁 RLock 记录持有者并计数：depositTwice() 持有锁时调用 deposit()，再次获取同一把锁也没问题，释放同样次数后锁才真正被释放。" +
          "在时间线上，主线程的泳道先显示被自己的锁阻塞了 100 毫秒，之后两个线程轮流持有递归锁。",
      },
    },
  },
  {
    id: "rwlock-readers-writers",
    topic: "locks",
    expectedStatus: "ok",
    expectedOutput: /readers inside together at most: [2-4][\s\S]*price of tea: 5, reads: 400, writes: 4/,
    code: `// Readers and writers: many threads may read a shared table at once,
// but a writer must be alone. An RWLock gives exactly that.
import { Thread, RWLock, sharedArray, print, sleep } from "playground";

const prices = new RWLock();
let tea = 1; // the shared table (one price, to keep it short)
// counts[0]: readers inside now, [1]: most inside at once, [2]: reads done
const counts = sharedArray("int32", 3);

function reader() {
  for (let i = 0; i < 100; i++) {
    prices.reading(() => {
      const inside = Atomics.add(counts, 0, 1) + 1;
      let most = Atomics.load(counts, 1);
      while (inside > most && Atomics.compareExchange(counts, 1, most, inside) !== most) most = Atomics.load(counts, 1);
      if (tea > 0) Atomics.add(counts, 2, 1); // several readers may be here at the same time
      sleep(1);
      Atomics.sub(counts, 0, 1);
    });
  }
}

function writer() {
  for (let i = 0; i < 4; i++) {
    prices.writing(() => {
      tea += 1; // alone: no reader sees a half-written table
      sleep(5);
    });
    sleep(10);
  }
}

const threads = [1, 2, 3, 4].map((n) => new Thread({ target: reader, name: "reader-" + n }));
threads.push(new Thread({ target: writer, name: "writer" }));
for (const t of threads) t.start();
for (const t of threads) t.join();
print("readers inside together at most:", counts[1]);
print("price of tea: " + tea + ", reads: " + counts[2] + ", writes: 4");
`,
    commentsZh: {
      "Readers and writers: many threads may read a shared table at once,\n// but a writer must be alone. An RWLock gives exactly that.":
        "读者与写者：多个线程可以同时读一张共享的表，\n// 但写者必须独占。读写锁 RWLock 正好提供这一点。",
      "the shared table (one price, to keep it short)": "共享的表（为了简短，只有一个价格）",
      "counts[0]: readers inside now, [1]: most inside at once, [2]: reads done": "counts[0]：此刻在读的读者数，[1]：同时在读的最多读者数，[2]：已完成的读取次数",
      "several readers may be here at the same time": "几个读者可能同时在这里",
      "alone: no reader sees a half-written table": "独占：没有读者会看到写了一半的表",
    },
    text: {
      en: {
        title: "Readers and writers: RWLock",
        explanation:
          "Four readers read the price of tea over and over, and a writer raises it four times. prices.reading() lets readers in together; prices.writing() waits until no one reads and keeps everyone out while it writes. " +
          "A writer that waits also keeps new readers out, so a stream of readers cannot starve it. " +
          "On the timeline, the RWLock's lane shows several readers' holds stacked at the same moment, and the writer's hold alone across the whole lane, with the readers blocked on the lock until it is done. " +
          "Python's standard library has no RWLock: this is the classic lesson, built here on the same shared memory as Lock.",
      },
      zh: {
        title: "读者与写者：读写锁 RWLock",
        explanation:
          "四个读者反复读取茶的价格，一个写者把价格提高四次。prices.reading() 允许多个读者同时进入；prices.writing() 等到没有人在读，并在写的时候把所有人挡在外面。" +
          "正在等待的写者也会挡住新来的读者，所以源源不断的读者不会让写者饿死。" +
          "在时间线上，读写锁的泳道在同一时刻叠着几个读者的持有条，而写者的持有条独占整条泳道，读者在它写完之前阻塞在锁上。" +
          "Python 标准库里没有读写锁：这是经典的课题，这里用和 Lock 一样的共享内存实现。",
      },
    },
  },
  {
    id: "deadlock-lock-order",
    topic: "locks",
    expectedStatus: "deadlock",
    expectedOutput: /holds lockA[\s\S]*holds lockB|holds lockB[\s\S]*holds lockA/,
    code: `// Deadlock: two threads take the same two locks in opposite orders.
import { Thread, Lock, Barrier, print, currentThread } from "playground";

const lockA = new Lock();
const lockB = new Lock();
// Makes sure each thread holds its first lock before going on.
const bothHoldOne = new Barrier(2);

function transfer(first: Lock, firstName: string, second: Lock, otherName: string) {
  first.with(() => {
    print(currentThread().name, "holds", firstName);
    bothHoldOne.wait(); // in real programs, bad timing does this now and then
    print(currentThread().name, "waits for", otherName);
    second.with(() => print("never printed"));
  });
}

const t1 = new Thread({
  target: transfer, args: [lockA, "lockA", lockB, "lockB"], name: "Thread-AB",
});
const t2 = new Thread({
  target: transfer, args: [lockB, "lockB", lockA, "lockA"], name: "Thread-BA",
});
t1.start();
t2.start();
t1.join(); // waits forever: the playground detects the cycle and ends the run
`,
    commentsZh: {
      "Deadlock: two threads take the same two locks in opposite orders.": "死锁：两个线程以相反的顺序获取同样的两把锁。",
      "Makes sure each thread holds its first lock before going on.": "确保每个线程都已持有自己的第一把锁，再继续往下执行。",
      "in real programs, bad timing does this now and then": "在真实的程序里，时机不巧时偶尔就会这样",
      "waits forever: the playground detects the cycle and ends the run": "永远等待：playground 检测到这个等待环，结束这次运行",
    },
    text: {
      en: {
        title: "Deadlock from lock order",
        explanation:
          "Thread-AB holds lockA and waits for lockB while Thread-BA holds lockB and waits for lockA: neither can go on, ever. " +
          "The playground watches who waits for whom, finds the cycle, and ends the run with the status deadlock; the cycle is drawn in red on the timeline. " +
          "The fix is to always take locks in the same order (both threads lockA first), or to acquire with a timeout and back off.",
      },
      zh: {
        title: "加锁顺序导致的死锁",
        explanation:
          "Thread-AB 持有 lockA 并等待 lockB，而 Thread-BA 持有 lockB 并等待 lockA：不同的线程持有不同的锁，又试图获取对方的锁，谁也无法继续。" +
          "运行时会监视线程之间的等待关系，发现这个环后以 deadlock（死锁）状态结束运行，并在时间线上用红色画出这个环。" +
          "解决办法是所有线程都按同样的顺序加锁（都先获取 lockA），或者带超时地获取锁并在失败时退让。",
      },
    },
  },
]);
