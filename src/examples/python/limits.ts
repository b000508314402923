// The limiting-threads topic (../limits.ts) in Python 3: a Semaphore, a
// ThreadPoolExecutor, and a queue served by N worker threads.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const LIMIT_PYTHON: Record<string, PythonVersion> = {
  "semaphore-limit": {
    code: `# Semaphore(2): six threads, but at most two inside the guarded part at any time.
import threading
import time

slots = threading.Semaphore(2)
count_lock = threading.Lock()
inside = 0
most = 0

def download(url):
    global inside, most
    with slots:  # acquire a slot, release it when done
        with count_lock:
            inside += 1
            most = max(most, inside)
        print(f"{threading.current_thread().name} downloads {url}")
        time.sleep(0.1)
        with count_lock:
            inside -= 1

threads = [
    threading.Thread(target=download, args=("/page/" + page,))
    for page in ["a", "b", "c", "d", "e", "f"]
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"at most {most} downloads at once")

# A BoundedSemaphore catches a release() without a matching acquire().
bounded = threading.BoundedSemaphore(2)
bounded.acquire()
bounded.release()
try:
    bounded.release()  # one more than it started with
except Exception as e:
    print(f"extra release(): {type(e).__name__}")
`,
    commentsZh: {
      "Semaphore(2): six threads, but at most two inside the guarded part at any time.": "信号量 Semaphore(2)：六个线程，但任何时刻最多只有两个在受保护的部分里。",
      "acquire a slot, release it when done": "取得一个名额，用完后释放",
      "A BoundedSemaphore catches a release() without a matching acquire().": "BoundedSemaphore 能发现没有对应 acquire() 的 release()。",
      "one more than it started with": "比初始值多释放了一次",
    },
    tsToPy: lineMap("1-2 2 2 0 5-8 0 10 12-13 16-18 0 0 0 21-22 0 26 28-29 0 31-38 0"),
  },
  "thread-pool-executor": {
    code: `# A ThreadPoolExecutor runs many tasks on a fixed number of worker threads.
from concurrent.futures import ThreadPoolExecutor, as_completed
import threading
import time

def fetch(n):
    print(f"{threading.current_thread().name} fetches {n}")
    time.sleep(0.06)
    return n * n

def nap(ms):
    time.sleep(ms * 3 / 1000)
    return ms

executor = ThreadPoolExecutor(3)  # never more than 3 threads
# map: like Pool.map, results in input order
squares = executor.map(fetch, [1, 2, 3, 4, 5, 6, 7, 8])
print("map results: " + " ".join(map(str, squares)))

# submit: one Future per task; as_completed yields them as they finish
futures = [executor.submit(nap, n) for n in [30, 10, 20]]
for f in as_completed(futures):
    print("done:", f.result())
all_results = sorted(f.result() for f in futures)
print("submit results: " + " ".join(map(str, all_results)))
executor.shutdown()  # wait for the workers and stop them
`,
    commentsZh: {
      "A ThreadPoolExecutor runs many tasks on a fixed number of worker threads.": "线程池 ThreadPoolExecutor 用固定数量的工作线程执行许多任务。",
      "never more than 3 threads": "永远不会超过 3 个线程",
      "map: like Pool.map, results in input order": "map：和 Pool.map 一样，结果按输入的顺序返回",
      "submit: one Future per task; as_completed yields them as they finish": "submit：每个任务一个 Future；as_completed 按完成的先后给出它们",
      "wait for the workers and stop them": "等待工作线程做完，然后停止它们",
    },
    tsToPy: lineMap("1-2 2 2 0 6-9 0 0 11-13 0 0 15-18 0 20-21 23-26"),
  },
  "queue-worker-threads": {
    code: `# N worker threads take work from a queue:
# each one picks the next item when it is done.
import queue
import threading
import time

THREAD_LINE = 3  # the number of worker threads
url_queue = queue.Queue()
for i in range(1, 13):
    url_queue.put(f"/article/{i}")

done_lock = threading.Lock()
handled = 0

def queue_child(q):
    global handled
    while not q.empty():
        try:
            url = q.get_nowait()  # another worker may have taken the last item
        except queue.Empty:
            break
        time.sleep(0.04 + (len(url) % 3) * 0.03)  # fetch the page
        print(f"{threading.current_thread().name} got {url}")
        with done_lock:
            handled += 1
        q.task_done()

tl = []
for i in range(THREAD_LINE):
    th = threading.Thread(target=queue_child, args=(url_queue,))
    tl.append(th)
    th.start()
url_queue.join()  # returns when task_done() was called for every item
for th in tl:
    th.join()
print(f"all {handled} urls handled by {THREAD_LINE} threads")
`,
    commentsZh: {
      "N worker threads take work from a queue:\n# each one picks the next item when it is done.": "N 个工作线程从队列里取任务：\n# 每个线程做完一项，就接着取下一项。",
      "the number of worker threads": "工作线程的数量",
      "another worker may have taken the last item": "最后一项可能已被别的工作线程取走",
      "fetch the page": "下载这个页面",
      "returns when task_done() was called for every item": "每一项都调用过 task_done() 之后才返回",
    },
    tsToPy: lineMap("1-3 0 7-8 10 0 12-13 0 15 17 0 18-21 0 0 22-24 26 0 0 0 28-32 0 33 35-36"),
  },
};
