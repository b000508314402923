// Queues (Python's queue module): FIFO, LIFO, priority, bounded with
// Full/Empty, and the producer/consumer pattern.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const QUEUE_EXAMPLES: Example[] = withCodeZh([
  {
    id: "queue-fifo-lifo",
    topic: "queues",
    expectedStatus: "ok",
    expectedOutput: /FIFO: 0 1 2 3 4\nLIFO: 4 3 2 1 0/,
    code: `// A Queue is first-in, first-out; a LifoQueue is last-in, first-out (a stack).
import { Queue, LifoQueue, print } from "playground";

const fifo = new Queue<number>();
const lifo = new LifoQueue<number>();
for (let i = 0; i < 5; i++) {
  fifo.put(i);
  lifo.put(i);
}

const fromFifo: number[] = [];
while (!fifo.empty()) fromFifo.push(fifo.get());
const fromLifo: number[] = [];
while (!lifo.empty()) fromLifo.push(lifo.get());

print("FIFO: " + fromFifo.join(" "));
print("LIFO: " + fromLifo.join(" "));
`,
    commentsZh: {
      "A Queue is first-in, first-out; a LifoQueue is last-in, first-out (a stack).": "队列 Queue 先进先出；LifoQueue 后进先出（也就是栈）。",
    },
    text: {
      en: {
        title: "FIFO and LIFO queues",
        explanation:
          "Both queues receive 0, 1, 2, 3, 4. Queue hands them back first in, first out; LifoQueue last in, first out, like a stack. " +
          "Queues are safe to use from many threads and processes at once: put and get never lose or duplicate an item. " +
          "On the timeline the queue's depth climbs to 5 and falls back to 0.",
      },
      zh: {
        title: "先进先出队列与后进先出队列",
        explanation:
          "两个队列都依次放入 0、1、2、3、4。Queue 是 FIFO 队列，先进先出；LifoQueue 是 LIFO 队列，后进先出，就像栈。" +
          "队列可以被多个线程和进程同时安全地使用：put 和 get 不会丢失或重复任何数据。" +
          "在时间线上，队列深度先升到 5，再降回 0。",
      },
    },
  },
  {
    id: "priority-queue",
    topic: "queues",
    expectedStatus: "ok",
    expectedOutput: "order: plan, code, test, write docs, release",
    code: `// A PriorityQueue returns its smallest item first: put [priority, value] pairs.
import { PriorityQueue, print } from "playground";

const tasks = new PriorityQueue<[number, string]>();
tasks.put([3, "test"]);
tasks.put([5, "release"]);
tasks.put([1, "plan"]);
tasks.put([4, "write docs"]);
tasks.put([2, "code"]);

const order: string[] = [];
while (!tasks.empty()) {
  const [priority, name] = tasks.get();
  print("priority", priority, name);
  order.push(name);
}
print("order: " + order.join(", "));
`,
    commentsZh: {
      "A PriorityQueue returns its smallest item first: put [priority, value] pairs.": "优先级队列 PriorityQueue 先返回最小的项：放入 [优先级, 值] 这样的数对。",
    },
    text: {
      en: {
        title: "A priority queue",
        explanation:
          "PriorityQueue.get() always returns the smallest item, whatever the order of the puts. " +
          "Items are [priority, value] arrays compared element by element, so the priority decides and equal priorities compare the values. " +
          "It is the usual way to let urgent jobs overtake the others in a work queue.",
      },
      zh: {
        title: "优先级队列",
        explanation:
          "PriorityQueue 的 get() 总是返回最小的元素，与放入的顺序无关。" +
          "元素是 [优先级, 值] 数组，逐个元素比较，所以由优先级决定顺序，优先级相同时再比较值。" +
          "在任务队列中，常用它让紧急的任务插到前面。",
      },
    },
  },
  {
    id: "bounded-queue-full-empty",
    topic: "queues",
    expectedStatus: "ok",
    expectedOutput: /third putNowait: Full[\s\S]*put with a 100 ms timeout: Full[\s\S]*getNowait on an empty queue: Empty/,
    code: `// A bounded queue (maxsize > 0): put waits while it is full.
// Full and Empty say "no room" and "no item".
import { Queue, Full, Empty, print } from "playground";

const q = new Queue<string>(2); // holds at most 2 items
q.putNowait("a");
q.putNowait("b");
print("size", q.qsize(), "full", q.full());

try {
  q.putNowait("c"); // no room and no waiting
} catch (e) {
  if (e instanceof Full) print("third putNowait: Full");
}
try {
  q.put("c", true, 100); // wait up to 100 ms for room
} catch (e) {
  if (e instanceof Full) print("put with a 100 ms timeout: Full");
}

print("got", q.get(), "and", q.get());
try {
  q.getNowait();
} catch (e) {
  if (e instanceof Empty) print("getNowait on an empty queue: Empty");
}
`,
    commentsZh: {
      "A bounded queue (maxsize > 0): put waits while it is full.\n// Full and Empty say \"no room\" and \"no item\".":
        "有界队列（maxsize > 0）：队列满时 put 会等待。\n// Full 和 Empty 分别表示“没有空位”和“没有数据”。",
      "holds at most 2 items": "最多容纳 2 项",
      "no room and no waiting": "没有空位，也不等待",
      "wait up to 100 ms for room": "最多等 100 毫秒，等出现空位",
    },
    text: {
      en: {
        title: "Bounded queues: Full and Empty",
        explanation:
          "With maxsize = 2 the queue holds at most two items: a put on a full queue blocks until an item is taken out, putNowait() raises Full at once, and put() with a timeout raises Full when no room appears in time. " +
          "On the other side, getNowait() on an empty queue raises Empty. " +
          "On the timeline, MainThread's lane shows the 100 ms it waited on the full queue.",
      },
      zh: {
        title: "有界队列：Full 与 Empty",
        explanation:
          "Queue(maxsize=2) 最多只能存放 2 个数据：队列满时 put 会阻塞，直至队列中的数据被取出；putNowait() 立即抛出 Full，带超时的 put() 在时间到了仍没有空位时抛出 Full。" +
          "反过来，对空队列调用 getNowait() 会抛出 Empty。maxsize <= 0 时队列大小无限制。" +
          "在时间线上，主线程的泳道显示它在满队列上等待了 100 毫秒。",
      },
    },
  },
  {
    id: "producer-consumer",
    topic: "queues",
    expectedStatus: "ok",
    expectedOutput: "consumed 10 items, sum 55",
    code: `// Producer/consumer: a producer thread fills a bounded queue,
// two consumer threads empty it.
import { Thread, Queue, print, sleep, currentThread } from "playground";

// Bounded: the producer waits while 3 jobs are pending.
const jobs = new Queue<number | null>(3);
const results = new Queue<number>();

function producer() {
  for (let n = 1; n <= 10; n++) {
    jobs.put(n); // blocks while the queue is full
    print("produced", n);
    sleep(20);
  }
  jobs.put(null); // one "stop" marker per consumer
  jobs.put(null);
}

function consumer() {
  while (true) {
    const n = jobs.get(); // blocks while the queue is empty
    if (n === null) break;
    sleep(70); // consuming is slower than producing
    print(currentThread().name, "consumed", n);
    results.put(n);
  }
}

const threads = [
  new Thread({ target: producer, name: "Producer" }),
  new Thread({ target: consumer, name: "Consumer-1" }),
  new Thread({ target: consumer, name: "Consumer-2" }),
];
for (const t of threads) t.start();
for (const t of threads) t.join();

let count = 0, sum = 0;
while (!results.empty()) { sum += results.get(); count += 1; }
print("consumed " + count + " items, sum " + sum);
`,
    commentsZh: {
      "Producer/consumer: a producer thread fills a bounded queue,\n// two consumer threads empty it.": "生产者消费者：一个生产者线程往有界队列里放数据，\n// 两个消费者线程从中取走。",
      "Bounded: the producer waits while 3 jobs are pending.": "有界：已有 3 个任务等待处理时，生产者就等待。",
      "blocks while the queue is full": "队列满时阻塞",
      "one \"stop\" marker per consumer": "每个消费者一个 \"stop\" 标记",
      "blocks while the queue is empty": "队列为空时阻塞",
      "consuming is slower than producing": "消费比生产慢",
    },
    text: {
      en: {
        title: "Producer and consumers",
        explanation:
          "The producer puts jobs into a queue of at most 3 items and two consumers take them out; the queue does all the locking. " +
          "Consuming is slower than producing, so the queue fills up and the producer has to wait for room: on the timeline its lane shows waiting on the queue while the depth stays at 3. " +
          "A null marker per consumer tells each one to stop.",
      },
      zh: {
        title: "生产者消费者模型",
        explanation:
          "生产者把任务放入最多容纳 3 个数据的队列，两个消费者从中取出；所有加锁的工作都由队列完成。" +
          "消费比生产慢，所以队列很快就满了，生产者只能等待空位：在时间线上，它的泳道显示在队列上等待，而队列深度停在 3。" +
          "每个消费者收到一个 null 标记后就停止。",
      },
    },
  },
]);
