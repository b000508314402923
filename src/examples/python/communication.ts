// The process communication topic (../communication.ts) in Python 3:
// multiprocessing's Queue and Pipe.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const COMMUNICATION_PYTHON: Record<string, PythonVersion> = {
  "process-queue": {
    code: `# Two processes talk through a Queue: one writes, the other reads.
import multiprocessing
import os
import random
import time

# The writer process puts three values.
def write(q):
    print(f"Process to write: {os.getpid()}")
    for value in ["A", "B", "C"]:
        print(f"Put {value} to queue...")
        q.put(value)
        time.sleep(0.08 + random.random() * 0.12)

# The reader process reads forever.
def read(q):
    print(f"Process to read: {os.getpid()}", flush=True)
    while True:
        value = q.get(True)  # blocks while the queue is empty
        print(f"Get {value} from queue.", flush=True)  # flush: terminate() loses unwritten output

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    # The parent creates the Queue and passes it to both children.
    q = multiprocessing.Queue()
    pw = multiprocessing.Process(target=write, args=(q,))
    pr = multiprocessing.Process(target=read, args=(q,))
    pw.start()
    pr.start()
    pw.join()  # wait for the writer to finish
    while not q.empty():
        time.sleep(0.005)
    time.sleep(0.05)  # let the reader print its last line
    pr.terminate()  # the reader loops forever: it can only be stopped
    pr.join()  # terminate() does not wait for the end; exitcode is None until then
    print(f"reader terminated, exitcode {pr.exitcode}")
`,
    commentsZh: {
      "Two processes talk through a Queue: one writes, the other reads.": "两个进程通过队列 Queue 通信：一个写，一个读。",
      "The writer process puts three values.": "写进程放入三个值。",
      "The reader process reads forever.": "读进程一直读下去。",
      "blocks while the queue is empty": "队列为空时阻塞",
      "flush: terminate() loses unwritten output": "flush：被 terminate() 终止的进程来不及写出缓冲区里的输出",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "The parent creates the Queue and passes it to both children.": "父进程创建 Queue，并把它传给两个子进程。",
      "wait for the writer to finish": "等待写进程结束",
      "let the reader print its last line": "让读进程打印出最后一行",
      "the reader loops forever: it can only be stopped": "读进程是死循环：只能强行终止它",
      "terminate() does not wait for the end; exitcode is None until then": "terminate() 不会等进程结束；在那之前 exitcode 是 None",
    },
    tsToPy: lineMap("1-2 0 7-13 0 0 0 15-20 0 0 0 23-30 32-33 35"),
  },
  "process-pipe": {
    code: `# A Pipe has two ends; what one end sends, the other receives, in order.
import multiprocessing

def child(conn):
    conn.send("hello from the child")
    reply = conn.recv()  # a duplex pipe: the child can receive too
    print(f"child got: {reply}")
    for i in range(1, 4):
        conn.send(f"message {i}")
    conn.close()  # the parent's recv() raises EOFError once it has read everything

if __name__ == "__main__":  # only the parent runs this: a spawned child imports this file
    parent_end, child_end = multiprocessing.Pipe()
    p = multiprocessing.Process(target=child, args=(child_end,))
    p.start()
    child_end.close()  # the child has its own copy; EOFError needs every copy closed

    print("parent got: " + parent_end.recv())
    parent_end.send("thanks")
    while True:
        try:
            print("parent got: " + parent_end.recv())
        except EOFError:
            print("EOFError: the child closed its end")
            break
    p.join()
`,
    commentsZh: {
      "A Pipe has two ends; what one end sends, the other receives, in order.": "管道 Pipe 有两端：一端发送的消息，另一端按顺序接收。",
      "a duplex pipe: the child can receive too": "双向管道：子进程也能接收消息",
      "the parent's recv() raises EOFError once it has read everything": "父进程读完所有消息后，recv() 会抛出 EOFError",
      "only the parent runs this: a spawned child imports this file": "只有父进程执行这里：以 spawn 方式启动的子进程会导入这个文件",
      "the child has its own copy; EOFError needs every copy closed": "子进程有这一端自己的副本；要所有副本都关闭，才会有 EOFError",
    },
    tsToPy: lineMap("1-2 0 4-7 9-10 0 0 13-15 0 18-23 23-25 0 0 26"),
  },
};
