// The coroutines topic (../coroutines.ts) in Python 3: asyncio.run, gather,
// create_task, and what a blocking time.sleep() does to the event loop.

import { lineMap } from "./line-map";
import type { PythonVersion } from "./python-types";

export const COROUTINE_PYTHON: Record<string, PythonVersion> = {
  "asyncio-gather": {
    code: `# asyncio.run and gather: three coroutines wait at the same time, on one thread.
import asyncio
import threading
import time

async def fetch_page(name, seconds):
    print("start", name, "on", threading.current_thread().name)
    await asyncio.sleep(seconds)  # gives the loop to the other coroutines while waiting
    print("done", name)
    return "page-" + name

async def main():
    start = time.perf_counter()
    results = await asyncio.gather(
        fetch_page("a", 0.3),
        fetch_page("b", 0.2),
        fetch_page("c", 0.1),
    )
    print("results: " + ", ".join(results))
    # About the longest wait (300 ms), not the sum (600 ms).
    print(f"took {round((time.perf_counter() - start) * 1000)} ms")

asyncio.run(main())
`,
    commentsZh: {
      "asyncio.run and gather: three coroutines wait at the same time, on one thread.": "asyncio.run 与 gather：三个协程在同一个线程上同时等待。",
      "gives the loop to the other coroutines while waiting": "等待时把事件循环让给其他协程",
      "About the longest wait (300 ms), not the sum (600 ms).": "总耗时约为最长的一次等待（300 毫秒），而不是总和（600 毫秒）。",
    },
    tsToPy: lineMap("1-2 0 6-10 0 0 12-21 0 0 23"),
  },
  "asyncio-create-task": {
    code: `# create_task: schedule a coroutine to run in the background while main goes on.
import asyncio

async def ticker(times):
    for i in range(1, times + 1):
        print("tick", i)
        await asyncio.sleep(0.1)
    return times

async def downloader():
    for file in ["x.txt", "y.txt", "z.txt"]:
        await asyncio.sleep(0.12)
        print("downloaded", file)
    return 3

async def main():
    # Both tasks start running as soon as main awaits.
    tick = asyncio.create_task(ticker(4), name="ticker")
    down = asyncio.create_task(downloader(), name="downloader")
    print("tasks created:", tick.get_name(), down.get_name())
    print(f"downloader finished {await down} files")
    print(f"ticker ticked {await tick} times, done: {tick.done()}")

asyncio.run(main())
`,
    commentsZh: {
      "create_task: schedule a coroutine to run in the background while main goes on.": "create_task：安排一个协程在后台运行，main 同时继续往下执行。",
      "Both tasks start running as soon as main awaits.": "main 一执行 await，两个任务就开始运行。",
    },
    tsToPy: lineMap("1-2 0 4-7 0 8 0 0 10-13 0 14 0 0 16-22 0 0 24"),
  },
  "asyncio-blocking-sleep": {
    code: `# await asyncio.sleep() lets other coroutines run;
# the blocking time.sleep() stalls the whole loop.
import asyncio
import time

async def polite_wait():
    await asyncio.sleep(0.2)  # suspends this coroutine only

async def rude_wait():
    time.sleep(0.2)  # blocks the thread, and with it every coroutine on its loop

async def time_it(label, wait):
    start = time.perf_counter()
    await asyncio.gather(wait(), wait(), wait())
    took = round((time.perf_counter() - start) * 1000 / 200) * 200  # rounded to 200 ms steps
    print(f"{label}: 3 waits took about {took} ms")

async def main():
    await time_it("asyncio.sleep", polite_wait)
    await time_it("blocking sleep", rude_wait)

asyncio.run(main())
`,
    commentsZh: {
      "await asyncio.sleep() lets other coroutines run;\n# the blocking time.sleep() stalls the whole loop.": "await asyncio.sleep() 让其他协程得以运行；\n# 阻塞的 time.sleep() 则会卡住整个事件循环。",
      "suspends this coroutine only": "只挂起当前这个协程",
      "blocks the thread, and with it every coroutine on its loop": "阻塞线程，也就阻塞了它的事件循环上的所有协程",
      "rounded to 200 ms steps": "按 200 毫秒取整",
    },
    tsToPy: lineMap("1-3 0 6-7 0 0 9-10 0 0 12-16 0 0 18-20 0 0 22"),
  },
};
