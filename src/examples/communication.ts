// Communication between processes: a Queue and a Pipe.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const COMMUNICATION_EXAMPLES: Example[] = withCodeZh([
  {
    id: "process-queue",
    topic: "communication",
    expectedStatus: "ok",
    expectedOutput: /Get A from queue\.[\s\S]*Get B from queue\.[\s\S]*Get C from queue\./,
    code: `// Two processes talk through a Queue: one writes, the other reads.
import { Process, Queue, getpid, print, sleep } from "playground";

// The writer process puts three values.
function write(q: Queue<string>) {
  print("Process to write: " + getpid());
  for (const value of ["A", "B", "C"]) {
    print("Put " + value + " to queue...");
    q.put(value);
    sleep(80 + Math.random() * 120);
  }
}

// The reader process reads forever.
function read(q: Queue<string>) {
  print("Process to read: " + getpid());
  while (true) {
    const value = q.get(true); // blocks while the queue is empty
    print("Get " + value + " from queue.");
  }
}

// The parent creates the Queue and passes it to both children.
const q = new Queue<string>();
const pw = new Process({ target: write, args: [q] });
const pr = new Process({ target: read, args: [q] });
pw.start();
pr.start();
pw.join(); // wait for the writer to finish
while (!q.empty()) sleep(5);
sleep(50); // let the reader print its last line
pr.terminate(); // the reader loops forever: it can only be stopped
print("reader terminated, exitcode " + pr.exitcode);
`,
    commentsZh: {
      "Two processes talk through a Queue: one writes, the other reads.": "两个进程通过队列 Queue 通信：一个写，一个读。",
      "The writer process puts three values.": "写进程放入三个值。",
      "The reader process reads forever.": "读进程一直读下去。",
      "blocks while the queue is empty": "队列为空时阻塞",
      "The parent creates the Queue and passes it to both children.": "父进程创建 Queue，并把它传给两个子进程。",
      "wait for the writer to finish": "等待写进程结束",
      "let the reader print its last line": "让读进程打印出最后一行",
      "the reader loops forever: it can only be stopped": "读进程是死循环：只能强行终止它",
    },
    text: {
      en: {
        title: "Processes talk through a Queue",
        explanation:
          "The parent creates a Queue and passes it to both child processes: the writer puts A, B, C and the reader gets them in the same order. " +
          "The reader loops forever, so after joining the writer the parent has to terminate() it. " +
          "On the timeline, an arrow joins each put to its get, the reader's lane waits on the queue between items, and the queue's depth rises and falls.",
      },
      zh: {
        title: "用队列 Queue 在进程间通信",
        explanation:
          "父进程创建 Queue，并传给各个子进程：写数据的进程依次放入 A、B、C，读数据的进程按同样的顺序取出。" +
          "读进程里是死循环，无法等待其结束，所以父进程在写进程结束后只能用 terminate() 强行终止它。" +
          "在时间线上，每次 put 和对应的 get 之间有一个箭头，读进程的泳道在两个数据之间等待队列，队列深度也随之升降。",
      },
    },
  },
  {
    id: "process-pipe",
    topic: "communication",
    expectedStatus: "ok",
    expectedOutput: /parent got: hello from the child[\s\S]*child got: thanks[\s\S]*EOFError: the child closed its end/,
    code: `// A Pipe has two ends; what one end sends, the other receives, in order.
import { Process, Pipe, Connection, EOFError, print } from "playground";

function child(conn: Connection<string>) {
  conn.send("hello from the child");
  const reply = conn.recv(); // a duplex pipe: the child can receive too
  print("child got: " + reply);
  for (let i = 1; i <= 3; i++) conn.send("message " + i);
  conn.close(); // the parent's recv() raises EOFError once it has read everything
}

const [parentEnd, childEnd] = Pipe<string>();
const p = new Process({ target: child, args: [childEnd] });
p.start();

print("parent got: " + parentEnd.recv());
parentEnd.send("thanks");
while (true) {
  try {
    print("parent got: " + parentEnd.recv());
  } catch (e) {
    if (!(e instanceof EOFError)) throw e;
    print("EOFError: the child closed its end");
    break;
  }
}
p.join();
`,
    commentsZh: {
      "A Pipe has two ends; what one end sends, the other receives, in order.": "管道 Pipe 有两端：一端发送的消息，另一端按顺序接收。",
      "a duplex pipe: the child can receive too": "双向管道：子进程也能接收消息",
      "the parent's recv() raises EOFError once it has read everything": "父进程读完所有消息后，recv() 会抛出 EOFError",
    },
    text: {
      en: {
        title: "Processes talk through a Pipe",
        explanation:
          "Pipe() returns two connected ends; each process keeps one. send() copies a message to the other end and recv() waits for the next one, in order. " +
          "The pipe is duplex, so the child also receives the parent's reply. When the child closes its end, the parent's recv() raises EOFError once every message has been read, which ends its loop. " +
          "On the timeline, each lane shows waiting on the pipe while its recv() has nothing to read yet.",
      },
      zh: {
        title: "用管道 Pipe 在进程间通信",
        explanation:
          "Pipe() 返回两个相连的端点，两个进程各持一端：send() 把消息拷贝到另一端，recv() 按顺序等待下一条消息。" +
          "管道默认是双向的，所以子进程也能收到父进程的回复。子进程关闭自己这一端后，父进程读完所有消息，recv() 就会抛出 EOFError，循环随之结束。" +
          "在时间线上，当 recv() 还没有消息可读时，泳道显示为在管道上等待。",
      },
    },
  },
]);
