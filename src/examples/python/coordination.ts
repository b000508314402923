// The coordination topic (../coordination.ts) in Python 3: Condition,
// Event and Barrier from the threading module.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const COORDINATION_PYTHON: Record<string, PythonVersion> = {
  "condition-wait-notify": {
    code: `# Condition: consumers wait until a producer has put items,
# and are notified when it does.
import threading
import time

changed = threading.Condition()
items = 0  # shared number: how many items are ready
taken = 0

def consumer(wanted):
    global items, taken
    for i in range(wanted):
        with changed:
            # wait() releases the lock while waiting and takes it back before returning
            while items == 0:
                changed.wait()
            items -= 1
            taken += 1
            print(threading.current_thread().name, "took an item,", items, "left")

def producer():
    global items
    for i in range(1, 4):
        time.sleep(0.1)
        with changed:
            items += 2
            print("produced 2 items, now", items)
            changed.notify_all()  # wake every waiting consumer

threads = [
    threading.Thread(target=consumer, args=(3,), name="Consumer-1"),
    threading.Thread(target=consumer, args=(3,), name="Consumer-2"),
    threading.Thread(target=producer, name="Producer"),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"consumers took {taken} items in all")
`,
    commentsZh: {
      "Condition: consumers wait until a producer has put items,\n# and are notified when it does.": "条件变量 Condition：消费者等待生产者放入物品，\n# 生产者放入后会通知它们。",
      "shared number: how many items are ready": "共享的数字：已经准备好的物品数",
      "wait() releases the lock while waiting and takes it back before returning": "wait() 等待期间释放锁，返回之前重新获取锁",
      "wake every waiting consumer": "唤醒所有正在等待的消费者",
    },
    tsToPy: lineMap("1-3 0 6-8 0 10 12-14 16-19 0 0 0 0 21 23-28 0 0 0 0 30-34 36 38-39"),
  },
  "event-signal": {
    code: `# Event: a flag threads wait for; set() releases every waiter at once.
import threading
import time

go = threading.Event()

def worker():
    print(f"{threading.current_thread().name} ready, waiting for the signal")
    go.wait()  # blocks until go.set()
    print(f"{threading.current_thread().name} started")
    time.sleep(0.05)

workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()

print(f"wait(0.05) returned {go.wait(0.05)}")  # a timeout: the flag is not set yet
time.sleep(0.25)
print("set!")
go.set()  # every waiting thread wakes up together
for w in workers:
    w.join()
print(f"all 3 workers finished, flag is set: {go.is_set()}")
`,
    commentsZh: {
      "Event: a flag threads wait for; set() releases every waiter at once.": "事件 Event：线程等待的一个标志；set() 一次放行所有等待的线程。",
      "blocks until go.set()": "阻塞，直到有线程调用 go.set()",
      "a timeout: the flag is not set yet": "超时：标志还没有被设置",
      "every waiting thread wakes up together": "所有等待的线程一起被唤醒",
    },
    tsToPy: lineMap("1-2 0 5 0 7-11 0 0 13 15 0 17-20 22-23"),
  },
  "barrier-rounds": {
    code: `# Barrier: each thread waits at the barrier until all of them have arrived,
# round after round.
import threading
import time

round_no = 0
# The action runs once per round, in the last thread to arrive.
def end_round():
    global round_no
    round_no += 1
    print(f"round {round_no} done")

step = threading.Barrier(3, action=end_round)

def runner(speed):
    for r in range(1, 3):
        time.sleep(speed * r)  # some threads are slower than others
        print(f"{threading.current_thread().name} arrived, round {r}")
        step.wait()  # nobody goes on before all 3 have arrived

threads = [
    threading.Thread(target=runner, args=(seconds,))
    for seconds in [0.06, 0.12, 0.2]
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("finished after", round_no, "rounds")
`,
    commentsZh: {
      "Barrier: each thread waits at the barrier until all of them have arrived,\n# round after round.": "栅栏 Barrier：每个线程都在栅栏处等待，直到所有线程都到达，\n# 一轮接一轮。",
      "The action runs once per round, in the last thread to arrive.": "action 每轮执行一次，由最后到达的线程执行。",
      "some threads are slower than others": "有些线程比别的线程慢",
      "nobody goes on before all 3 have arrived": "3 个线程全部到达之前，谁也不能继续",
    },
    tsToPy: lineMap("1-3 0 6-7 13 10-11 0 0 15-19 0 0 0 21-22 0 26 28-29"),
  },
};
