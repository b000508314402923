// The locks topic (../locks.ts) in Python 3: the lost update, Lock, RLock
// and the lock-order deadlock.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const LOCK_PYTHON: Record<string, PythonVersion> = {
  "race-without-lock": {
    code: `# Three threads add 1 to a shared counter with no lock: updates get lost.
import threading

N = 200_000
counter = 0  # module-level variables are shared by every thread
start = threading.Barrier(3)  # all three begin counting together

def add():
    global counter
    start.wait()
    for i in range(N):
        counter += 1  # read, add, write: another thread can write in between

threads = [threading.Thread(target=add) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"expected {3 * N}, got {counter}")
lost = 3 * N - counter
print("lucky this time: run it again" if lost == 0 else f"lost {lost} updates")
# Since 3.10, CPython's GIL switches threads only between loop iterations,
# not inside counter += 1: expect lost updates on 3.9 or a free-threaded 3.13t.
`,
    commentsZh: {
      "Three threads add 1 to a shared counter with no lock: updates get lost.": "三个线程不加锁地给共享的计数器加 1：有些更新会丢失。",
      "module-level variables are shared by every thread": "模块级的变量由所有线程共享",
      "all three begin counting together": "三个线程同时开始计数",
      "read, add, write: another thread can write in between": "读取、加一、写回：别的线程可能在这中间写入",
      "Since 3.10, CPython's GIL switches threads only between loop iterations,\n# not inside counter += 1: expect lost updates on 3.9 or a free-threaded 3.13t.": "从 3.10 起，CPython 的 GIL 只在两轮循环之间切换线程，\n# 不会在 counter += 1 中间切换：在 3.9 或自由线程的 3.13t 上才会看到更新丢失。",
    },
    tsToPy: lineMap("1-2 0 4-6 0 8 10-12 0 0 0 14 16 18-21"),
  },
  "check-then-act": {
    code: `# Check, then act: two threads each see enough money, and both withdraw it.
import threading
import time

balance = 100  # shared by every thread
start = threading.Barrier(2)  # both try at the same moment

def withdraw(amount):
    global balance
    start.wait()
    if balance >= amount:  # check...
        time.sleep(0.02)  # (any delay between the check and the act)
        balance -= amount  # ...then act: the check may be stale by now

a = threading.Thread(target=withdraw, args=(80,))
b = threading.Thread(target=withdraw, args=(80,))
a.start()
b.start()
a.join()
b.join()
print(f"balance: {balance}")
print("overdrawn: both saw 100 before either withdrew" if balance < 0 else "no overdraft this time: run it again")
# The fix: hold one Lock around both the check and the act.
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
    tsToPy: lineMap("1-2 4-8 10-13 0 0 14-23"),
  },
  "lock-fixes-race": {
    code: `# The same kind of update, guarded by a Lock:
# only one thread at a time runs the critical section.
import threading
import time

mylock = threading.Lock()
num = 0

def http():
    global num
    mylock.acquire()  # only one thread gets past here at a time
    try:
        seen = num
        time.sleep(0.05)  # a slow step inside the critical section
        num = seen + 1  # safe: no other thread can change num meanwhile
        print(threading.current_thread().name, "set num to", num)
    finally:
        mylock.release()  # always release, even if an error was raised

threads = []
for i in range(5):
    th = threading.Thread(target=http)
    th.start()
    threads.append(th)
for th in threads:
    th.join()
print(f"num = {num}")
# "with mylock:" does the acquire/try/finally/release for you.
`,
    commentsZh: {
      "The same kind of update, guarded by a Lock:\n# only one thread at a time runs the critical section.": "同样的更新，用锁 Lock 保护起来：\n# 同一时刻只有一个线程能执行临界区。",
      "only one thread gets past here at a time": "同一时刻只有一个线程能通过这里",
      "a slow step inside the critical section": "临界区里一个较慢的步骤",
      "safe: no other thread can change num meanwhile": "安全：这期间别的线程无法修改 num",
      "always release, even if an error was raised": "无论是否出错，都要释放锁",
      "\"with mylock:\" does the acquire/try/finally/release for you.": "“with mylock:” 会替你完成 acquire/try/finally/release。",
    },
    tsToPy: lineMap("1-3 0 6-7 0 9 11-18 0 0 0 20-24 0 26-28"),
  },
  "rlock-reentrant": {
    code: `# RLock: the thread that holds it may acquire it again (re-entrant);
# a plain Lock would block itself.
import threading

# With a plain Lock, a second acquire by the same thread waits forever;
# here it gives up after 100 ms so that the program goes on.
plain = threading.Lock()
plain.acquire()
print("plain Lock, second acquire:", plain.acquire(timeout=0.1))
plain.release()

rlock = threading.RLock()
balance = 0

def deposit(amount):
    global balance
    with rlock:
        balance += amount

def deposit_twice(amount):
    with rlock:
        # Already holding rlock, deposit() takes it again: fine with an RLock.
        deposit(amount)
        deposit(amount)

threads = [
    threading.Thread(target=deposit_twice, args=(amount,))
    for amount in [50, 100]
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance = {balance}")
`,
    commentsZh: {
      "RLock: the thread that holds it may acquire it again (re-entrant);\n# a plain Lock would block itself.": "递归锁 RLock：持有它的线程可以再次获取它（可重入）；\n# 普通的锁 Lock 则会把自己阻塞住。",
      "With a plain Lock, a second acquire by the same thread waits forever;\n# here it gives up after 100 ms so that the program goes on.": "普通的锁 Lock 被同一个线程第二次 acquire 时会永远等待；\n# 这里 100 毫秒后放弃，好让程序继续运行。",
      "Already holding rlock, deposit() takes it again: fine with an RLock.": "已经持有 rlock 时，deposit() 再次获取它：对递归锁 RLock 来说没有问题。",
    },
    tsToPy: lineMap("1-3 0 5-10 0 12-13 0 15 17 0 0 20-24 0 0 0 26-27 0 31 33-34"),
  },
  "rwlock-readers-writers": {
    code: `# Readers and writers: many threads may read a shared table at once,
# but a writer must be alone. An RWLock gives exactly that.
import threading
import time

class RWLock:  # Python has none: a writer-first one, built on a Condition
    def __init__(self):
        self.cond = threading.Condition()
        self.readers = 0
        self.writing_now = False
        self.writers_waiting = 0

    def acquire_read(self):
        with self.cond:
            self.cond.wait_for(lambda: not self.writing_now and self.writers_waiting == 0)
            self.readers += 1

    def release_read(self):
        with self.cond:
            self.readers -= 1
            self.cond.notify_all()

    def acquire_write(self):
        with self.cond:
            self.writers_waiting += 1
            self.cond.wait_for(lambda: not self.writing_now and self.readers == 0)
            self.writers_waiting -= 1
            self.writing_now = True

    def release_write(self):
        with self.cond:
            self.writing_now = False
            self.cond.notify_all()

prices = RWLock()
tea = 1  # the shared table (one price, to keep it short)
# counts[0]: readers inside now, [1]: most inside at once, [2]: reads done
counts = [0, 0, 0]
counts_lock = threading.Lock()  # Python has no Atomics: a lock guards the counts

def reader():
    for i in range(100):
        prices.acquire_read()
        try:
            with counts_lock:
                counts[0] += 1
                counts[1] = max(counts[1], counts[0])
                if tea > 0:
                    counts[2] += 1  # several readers may be here at the same time
            time.sleep(0.001)
            with counts_lock:
                counts[0] -= 1
        finally:
            prices.release_read()

def writer():
    global tea
    for i in range(4):
        prices.acquire_write()
        try:
            tea += 1  # alone: no reader sees a half-written table
            time.sleep(0.005)
        finally:
            prices.release_write()
        time.sleep(0.01)

threads = [threading.Thread(target=reader, name=f"reader-{n}") for n in [1, 2, 3, 4]]
threads.append(threading.Thread(target=writer, name="writer"))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("readers inside together at most:", counts[1])
print(f"price of tea: {tea}, reads: {counts[2]}, writes: 4")
`,
    commentsZh: {
      "Readers and writers: many threads may read a shared table at once,\n# but a writer must be alone. An RWLock gives exactly that.":
        "读者与写者：多个线程可以同时读一张共享的表，\n# 但写者必须独占。读写锁 RWLock 正好提供这一点。",
      "Python has none: a writer-first one, built on a Condition": "Python 没有读写锁：这里用条件变量实现一个写者优先的",
      "the shared table (one price, to keep it short)": "共享的表（为了简短，只有一个价格）",
      "counts[0]: readers inside now, [1]: most inside at once, [2]: reads done": "counts[0]：此刻在读的读者数，[1]：同时在读的最多读者数，[2]：已完成的读取次数",
      "Python has no Atomics: a lock guards the counts": "Python 没有 Atomics：用一把锁保护这些计数",
      "several readers may be here at the same time": "几个读者可能同时在这里",
      "alone: no reader sees a half-written table": "独占：没有读者会看到写了一半的表",
    },
    tsToPy: lineMap("1-3 0 35-38 0 41-43 46 47 47 49 50 52 54 0 0 0 56 58 59 61 62 64 65 0 0 0 67 68 70 72 73 74"),
  },
  "deadlock-lock-order": {
    code: `# Deadlock: two threads take the same two locks in opposite orders.
import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
# Makes sure each thread holds its first lock before going on.
both_hold_one = threading.Barrier(2)

def transfer(first, first_name, second, other_name):
    with first:
        print(f"{threading.current_thread().name} holds {first_name}")
        both_hold_one.wait()  # in real programs, bad timing does this now and then
        print(f"{threading.current_thread().name} waits for {other_name}")
        with second:
            print("never printed")

t1 = threading.Thread(
    target=transfer, args=(lock_a, "lockA", lock_b, "lockB"), name="Thread-AB",
)
t2 = threading.Thread(
    target=transfer, args=(lock_b, "lockB", lock_a, "lockA"), name="Thread-BA",
)
t1.start()
t2.start()
t1.join()  # waits forever: CPython does not detect the cycle, the program must be killed
`,
    commentsZh: {
      "Deadlock: two threads take the same two locks in opposite orders.": "死锁：两个线程以相反的顺序获取同样的两把锁。",
      "Makes sure each thread holds its first lock before going on.": "确保每个线程都已持有自己的第一把锁，再继续往下执行。",
      "in real programs, bad timing does this now and then": "在真实的程序里，时机不巧时偶尔就会这样",
      "waits forever: CPython does not detect the cycle, the program must be killed": "永远等待：CPython 不会检测这个等待环，只能强行结束程序",
    },
    tsToPy: lineMap("1-2 0 4-7 0 9-14 0 0 0 17-25"),
  },
};
