// The queues topic (../queues.ts) in Python 3: the queue module's Queue,
// LifoQueue, PriorityQueue, Full/Empty, and producer/consumer threads.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const QUEUE_PYTHON: Record<string, PythonVersion> = {
  "queue-fifo-lifo": {
    code: `# A Queue is first-in, first-out; a LifoQueue is last-in, first-out (a stack).
import queue

fifo = queue.Queue()
lifo = queue.LifoQueue()
for i in range(5):
    fifo.put(i)
    lifo.put(i)

from_fifo = []
while not fifo.empty():
    from_fifo.append(fifo.get())
from_lifo = []
while not lifo.empty():
    from_lifo.append(lifo.get())

print("FIFO: " + " ".join(map(str, from_fifo)))
print("LIFO: " + " ".join(map(str, from_lifo)))
`,
    commentsZh: {
      "A Queue is first-in, first-out; a LifoQueue is last-in, first-out (a stack).": "队列 Queue 先进先出；LifoQueue 后进先出（也就是栈）。",
    },
    tsToPy: lineMap("1-2 0 4-8 0 0 10 12-13 15 0 17-18"),
  },
  "priority-queue": {
    code: `# A PriorityQueue returns its smallest item first: put (priority, value) tuples.
import queue

tasks = queue.PriorityQueue()
tasks.put((3, "test"))
tasks.put((5, "release"))
tasks.put((1, "plan"))
tasks.put((4, "write docs"))
tasks.put((2, "code"))

order = []
while not tasks.empty():
    priority, name = tasks.get()
    print("priority", priority, name)
    order.append(name)
print("order: " + ", ".join(order))
`,
    commentsZh: {
      "A PriorityQueue returns its smallest item first: put (priority, value) tuples.": "优先级队列 PriorityQueue 先返回最小的项：放入 (优先级, 值) 这样的元组。",
    },
    tsToPy: lineMap("1-2 0 4-9 0 11-15 0 16"),
  },
  "bounded-queue-full-empty": {
    code: `# A bounded queue (maxsize > 0): put waits while it is full.
# Full and Empty say "no room" and "no item".
import queue

q = queue.Queue(2)  # holds at most 2 items
q.put_nowait("a")
q.put_nowait("b")
print("size", q.qsize(), "full", q.full())

try:
    q.put_nowait("c")  # no room and no waiting
except queue.Full:
    print("third put_nowait: Full")
try:
    q.put("c", timeout=0.1)  # wait up to 100 ms for room
except queue.Full:
    print("put with a 100 ms timeout: Full")

print("got", q.get(), "and", q.get())
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait on an empty queue: Empty")
`,
    commentsZh: {
      "A bounded queue (maxsize > 0): put waits while it is full.\n# Full and Empty say \"no room\" and \"no item\".": "有界队列（maxsize > 0）：队列满时 put 会等待。\n# Full 和 Empty 分别表示“没有空位”和“没有数据”。",
      "holds at most 2 items": "最多容纳 2 项",
      "no room and no waiting": "没有空位，也不等待",
      "wait up to 100 ms for room": "最多等 100 毫秒，等出现空位",
    },
    tsToPy: lineMap("1-3 0 5-8 0 10-13 0 14-17 0 0 19-23 0"),
  },
  "producer-consumer": {
    code: `# Producer/consumer: a producer thread fills a bounded queue,
# two consumer threads empty it.
import queue
import threading
import time

# Bounded: the producer waits while 3 jobs are pending.
jobs = queue.Queue(3)
results = queue.Queue()

def producer():
    for n in range(1, 11):
        jobs.put(n)  # blocks while the queue is full
        print(f"produced {n}")
        time.sleep(0.02)
    jobs.put(None)  # one "stop" marker per consumer
    jobs.put(None)

def consumer():
    while True:
        n = jobs.get()  # blocks while the queue is empty
        if n is None:
            break
        time.sleep(0.07)  # consuming is slower than producing
        print(f"{threading.current_thread().name} consumed {n}")
        results.put(n)

threads = [
    threading.Thread(target=producer, name="Producer"),
    threading.Thread(target=consumer, name="Consumer-1"),
    threading.Thread(target=consumer, name="Consumer-2"),
]
for t in threads:
    t.start()
for t in threads:
    t.join()

count, total = 0, 0
while not results.empty():
    total += results.get()
    count += 1
print(f"consumed {count} items, sum {total}")
`,
    commentsZh: {
      "Producer/consumer: a producer thread fills a bounded queue,\n# two consumer threads empty it.": "生产者消费者：一个生产者线程往有界队列里放数据，\n# 两个消费者线程从中取走。",
      "Bounded: the producer waits while 3 jobs are pending.": "有界：已有 3 个任务等待处理时，生产者就等待。",
      "blocks while the queue is full": "队列满时阻塞",
      "one \"stop\" marker per consumer": "每个消费者一个 \"stop\" 标记",
      "blocks while the queue is empty": "队列为空时阻塞",
      "consuming is slower than producing": "消费比生产慢",
    },
    tsToPy: lineMap("1-3 0 7-9 0 11-15 0 16-17 0 0 19-22 24-26 0 0 0 28-32 34 36 0 38 40 42"),
  },
};
