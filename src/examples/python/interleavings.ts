// The interleavings topic (../interleavings.ts) in Python 3: the lost
// update, the lock-order deadlock, the locked counter and the condition
// waited on with if. CPython has no
// controlled scheduler; the programs are the same, their interleavings are
// up to the machine.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const INTERLEAVING_PYTHON: Record<string, PythonVersion> = {
  "lost-update-steps": {
    code: `# Two threads add 1 to counter, one step at a time: which order loses an update?
import threading

counter = 0  # shared: each read and each write of it is a step

def work():
    global counter
    counter += 1  # two steps: read counter, then write counter

a = threading.Thread(target=work)
b = threading.Thread(target=work)
a.start()
b.start()
a.join()
b.join()
print(f"counter = {counter}")
assert counter == 2, "an update was lost"
`,
    commentsZh: {
      "Two threads add 1 to counter, one step at a time: which order loses an update?": "两个线程各给 counter 加 1，一次一步：哪种顺序会丢失更新？",
      "shared: each read and each write of it is a step": "共享变量：对它的每次读和每次写都是一步",
      "two steps: read counter, then write counter": "两步：先读 counter，再写 counter",
    },
    tsToPy: lineMap("1-6 8 0 9-17"),
  },
  "deadlock-search": {
    code: `# Two threads take two locks in opposite orders. Most interleavings finish; one does not.
import threading

lockA = threading.Lock()
lockB = threading.Lock()

def one():
    lockA.acquire()
    lockB.acquire()  # waits here while two holds lockB
    lockB.release()
    lockA.release()

def two():
    lockB.acquire()
    lockA.acquire()  # waits here while one holds lockA
    lockA.release()
    lockB.release()

a = threading.Thread(target=one)
b = threading.Thread(target=two)
a.start()
b.start()
a.join()
b.join()
print("finished: no deadlock in this interleaving")
`,
    commentsZh: {
      "Two threads take two locks in opposite orders. Most interleavings finish; one does not.": "两个线程以相反的顺序获取两把锁。大多数交错都能结束，有一种不能。",
      "waits here while two holds lockB": "two 持有 lockB 时在这里等待",
      "waits here while one holds lockA": "one 持有 lockA 时在这里等待",
    },
    tsToPy: lineMap("1-11 0 12-17 0 18-25"),
  },
  "break-this": {
    code: `# Can you break this? Search for an interleaving that loses an update.
import threading

counter = 0
lock = threading.Lock()

def work():
    global counter
    lock.acquire()
    counter += 1  # only the thread holding the lock gets here
    lock.release()

a = threading.Thread(target=work)
b = threading.Thread(target=work)
a.start()
b.start()
a.join()
b.join()
print(f"counter = {counter}")
assert counter == 2, "an update was lost"
`,
    commentsZh: {
      "Can you break this? Search for an interleaving that loses an update.": "你能让它出错吗？搜索一种会丢失更新的交错。",
      "only the thread holding the lock gets here": "只有持有锁的线程能执行到这里",
    },
    tsToPy: lineMap("1-7 9-11 0 12-20"),
  },
  "condition-if-while": {
    code: `# Two consumers wait for an item with if, where while belongs. Can the search break it?
import threading

cond = threading.Condition()
items = 0  # shared: the producer adds, the consumers take

def consumer():
    global items
    with cond:
        if items == 0: cond.wait()  # a wakeup is not a promise: check again with while
        items -= 1
        assert items >= 0, "took an item that was not there"

def producer():
    global items
    for i in range(2):
        with cond:
            items += 1
            cond.notify_all()  # wakes every waiter, for one item

threads = [threading.Thread(target=f) for f in (consumer, consumer, producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"items left: {items}")
`,
    commentsZh: {
      "Two consumers wait for an item with if, where while belongs. Can the search break it?": "两个消费者用 if 等待物品，而这里应该用 while。搜索能让它出错吗？",
      "shared: the producer adds, the consumers take": "共享变量：生产者放入，消费者取走",
      "a wakeup is not a promise: check again with while": "被唤醒不等于条件成立：应该用 while 再检查一次",
      "wakes every waiter, for one item": "只有一个物品，却唤醒了所有等待者",
    },
    tsToPy: lineMap("1-7 9-12 0 0 13-14 16-19 0 0 0 20-21 23 25 26"),
  },
};
