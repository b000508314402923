// Processes: starting one, and what a process does not share with its parent.

import type { Example } from "./example-types";
import { withCodeZh } from "./chinese-comments";

export const PROCESS_EXAMPLES: Example[] = withCodeZh([
  {
    id: "process-start-join",
    topic: "processes",
    expectedStatus: "ok",
    expectedOutput: /Child process will start\.[\s\S]*Run child process test[\s\S]*Child process end\. exitcode 0/,
    code: `// Start a child process with a target function and wait for it with join().
import { Process, getpid, getppid, currentProcess, print } from "playground";

// The code the child process runs.
function runProc(name: string) {
  print("Run child process " + name + " (" + getpid() + ")...");
  print("my parent is " + getppid() + ", my name is " + currentProcess().name);
}

print("Parent process " + getpid() + ".");
const p = new Process({ target: runProc, args: ["test"] });
print("Child process will start.");
p.start();
p.join(); // wait for the child to end: used to synchronise processes
print("Child process end. exitcode " + p.exitcode);
`,
    commentsZh: {
      "Start a child process with a target function and wait for it with join().": "用目标函数启动一个子进程，再用 join() 等待它结束。",
      "The code the child process runs.": "子进程要执行的代码。",
      "wait for the child to end: used to synchronise processes": "等待子进程结束：用于进程间的同步",
    },
    text: {
      en: {
        title: "Start a child process",
        explanation:
          "A Process is created like a Thread, with a target function and its args; start() launches it and join() waits for it to end. " +
          "The child has its own process id (getpid()) and knows its parent's (getppid()), as after fork(). " +
          "On the timeline the child gets its own group, Process-1, apart from MainProcess's threads.",
      },
      zh: {
        title: "启动子进程",
        explanation:
          "创建子进程和创建线程一样，只需要传入一个执行函数和函数的参数，创建 Process 实例，用 start() 方法启动，用 join() 等待子进程结束后再继续往下运行。" +
          "子进程有自己的进程号 getpid()，也能通过 getppid() 得到父进程的 ID，就像 fork() 之后那样。" +
          "在时间线上，子进程 Process-1 单独成组，与主进程的线程分开显示。",
      },
    },
  },
  {
    id: "process-own-memory",
    topic: "processes",
    expectedStatus: "ok",
    expectedOutput: /after the thread: counter = 100[\s\S]*after the process: counter = 100/,
    code: `// A thread changes the parent's variables; a process changes only its own copy.
import { Thread, Process, print } from "playground";

let counter = 0;

function addHundred(where: string) {
  for (let i = 0; i < 100; i++) counter += 1;
  print("inside the " + where + ": counter = " + counter);
}

// A thread shares the program's memory: its change is seen by MainThread.
const t = new Thread({ target: addHundred, args: ["thread"] });
t.start();
t.join();
print("after the thread: counter = " + counter);

// A process gets a copy of everything at start(): its change stays in the child.
const p = new Process({ target: addHundred, args: ["process"] });
p.start();
p.join();
print("after the process: counter = " + counter);
`,
    commentsZh: {
      "A thread changes the parent's variables; a process changes only its own copy.": "线程修改的是父进程中的变量；进程只修改它自己的那份副本。",
      "A thread shares the program's memory: its change is seen by MainThread.": "线程共享程序的内存：它做的修改，主线程能看到。",
      "A process gets a copy of everything at start(): its change stays in the child.": "进程在 start() 时得到所有数据的一份副本：它做的修改只留在子进程里。",
    },
    text: {
      en: {
        title: "Each process has its own copy of the variables",
        explanation:
          "Threads share their process's memory: when the thread adds 100, MainThread sees counter = 100. " +
          "A process gets a copy of everything when it starts, as fork() copies the parent: the child counts from 100 to 200 in its own memory, and the parent's counter stays 100. " +
          "To share data between processes, use the playground's Queue, Pipe, Value or sharedArray.",
      },
      zh: {
        title: "每个进程都有自己的变量拷贝",
        explanation:
          "多线程中，所有变量由所有线程共享：线程把 counter 加了 100，主线程看到的就是 100。" +
          "多进程中，同一变量各自有一份拷贝存在于每个进程中，互不影响：子进程在自己的内存里从 100 数到 200，父进程的 counter 仍然是 100。" +
          "进程之间要交换数据，得用 Queue、Pipe、Value 或 sharedArray。",
      },
    },
  },
  {
    id: "process-shared-value",
    topic: "processes",
    expectedStatus: "ok",
    expectedOutput: "total = 1000",
    code: `// Value: a number on shared memory that processes do share;
// its lock guards the updates.
import { Process, Value, print } from "playground";

// Playground objects stay shared across processes.
const total = new Value("int32", 0);

function addMany(v: Value<"int32">, times: number) {
  const lock = v.getLock();
  for (let i = 0; i < times; i++) {
    lock.with(() => { v.value += 1; }); // without the lock, updates would be lost
  }
}

const procs = [1, 2, 3, 4].map(
  () => new Process({ target: addMany, args: [total, 250] }),
);
for (const p of procs) p.start();
for (const p of procs) p.join();
print("total = " + total.value);
`,
    commentsZh: {
      "Value: a number on shared memory that processes do share;\n// its lock guards the updates.": "Value：共享内存上的一个数字，各个进程真正共享它；\n// 它自带的锁保护每次更新。",
      "Playground objects stay shared across processes.": "playground 提供的对象在各个进程之间仍是共享的。",
      "without the lock, updates would be lost": "不加锁的话，更新会丢失",
    },
    text: {
      en: {
        title: "Sharing a number between processes: Value",
        explanation:
          "Processes do not share ordinary variables, but objects of the playground API are shared by everyone, processes included. " +
          "new Value(\"int32\", 0) is a number on shared memory, like multiprocessing.Value; v.value += 1 is a racy read-modify-write, so each process takes v.getLock() around it. " +
          "On the timeline you see four Process lanes taking turns on the same lock. " +
          "Find the bug: write v.value += 1 without the lock, make it 2 processes of 1 addition, choose Controlled and press Find a failing interleaving: the search shows the step where one process's update is lost.",
      },
      zh: {
        title: "进程间共享数值：Value",
        explanation:
          "进程之间不共享普通变量，但 playground 模块提供的对象（锁、队列、共享数组等）由所有进程共享。" +
          "new Value(\"int32\", 0) 是共享内存中的一个数，相当于 multiprocessing.Value；v.value += 1 不是原子操作，所以每个进程都要先获取 v.getLock() 这把锁。" +
          "在时间线上可以看到四个进程轮流持有同一把锁。" +
          "找出错误：去掉锁，直接写 v.value += 1，改成 2 个进程、每个加 1 次，选择“受控”，再按“查找出错的交错”：搜索会指出哪一步让一个进程的更新丢失。",
      },
    },
  },
]);
