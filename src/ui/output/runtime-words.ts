// The runtime's own sentences in the interface's language. The runtime and
// the session speak English (RunResult is the automation API's, and tests
// and course pages read it); the output pane shows each line the playground
// itself wrote (deadlock and race reports, notices, limits, hints) in the
// learner's language, and leaves everything else as it was printed: the
// snippet's own output, and Python's exception messages and tracebacks,
// which CPython prints in English too.
//
// One table of sentence shapes, matched line by line; a line that matches
// none is shown as it is. runtime-words.test.ts holds one example of each
// shape as the runtime writes it, so a changed sentence fails there first.

import type { Language } from "../i18n/language";
import { sayByShape, type Shape } from "../i18n/shapes";
import { localizeCompilerMessage } from "../editor/compiler-words";


const access = (word: string) => (word.toLowerCase() === "write" ? "写入" : "读取");

/** "X waits for Y held by Z", "X waits for Y to finish", "X waits for Y" (deadlock-watch.ts) */
const waits = (part: string) =>
  part
    .replace(/ \(which has ended\)/g, "（已结束）")
    .replace(/^(.+) waits for (.+) to finish$/, "$1 在等待 $2 结束")
    .replace(/^(.+) waits for (.+) held by (.+)$/, "$1 在等待 $2，它被 $3 持有")
    .replace(/^(.+) waits for (.+)$/, "$1 在等待 $2");

/** "3 timeline events and 1 printed line" (supervisor.ts lateNotice) */
const lateWhat = (what: string) =>
  what
    .replace(/(\d+) timeline events?/, " $1 个时间线事件")
    .replace(/(\d+) printed lines?/, " $1 行打印输出")
    .replace(" and ", "和");

/** the parts given, joined with 和 */
const zhJoin = (parts: (string | undefined)[]) => parts.filter(Boolean).join("和");

/** what the drainer found written over (drainer.ts, ring-reader.ts, output-ring.ts, run-drain.ts) */
const unreadable = (why: string) =>
  why
    .replace(/^what (?:1 thread|(\d+) threads) recorded was never found in the thread table$/, (_, n) => `${n ? `${n} 个线程` : "1 个线程"}记录的内容在线程表里找不到`)
    .replace(/^a trace ring's header was overwritten \((-?\d+) events pending of (\d+)\)$/, "一个跟踪环的头部被改写了（容量 $2 个事件，待读 $1 个）")
    .replace(/^a trace ring at word (\d+) lies outside the heap$/, "位于字 $1 的跟踪环在堆之外")
    .replace(/^an output ring's header was overwritten \((-?\d+) words pending of (\d+)\)$/, "一个输出环的头部被改写了（容量 $2 个字，待读 $1 个）")
    .replace(/^an output ring at word (\d+) lies outside the heap$/, "位于字 $1 的输出环在堆之外")
    .replace(/^an output ring's record runs past what was written$/, "一个输出环里的记录超出了已写入的部分")
    .replace(/^an output ring holds a record of impossible length (-?\d+)$/, "一个输出环里有长度不可能为 $1 的记录")
    .replace(/^an output ring holds a record whose name is longer than the record \((\d+) of (\d+) bytes\)$/, "一个输出环里的记录，名字比记录本身还长（$2 字节中的 $1 字节）")
    .replace(/^thread slot (\d+) changed hands before its thread (\d+) was released$/, "线程槽 $1 在其线程 $2 被释放之前就换了主人")
    .replace(/^thread slot (\d+) holds an ident \((-?\d+)\) that is not its own$/, "线程槽 $1 里的标识（$2）不是它自己的")
    .replace(/^thread slot (\d+)'s rings were moved$/, "线程槽 $1 的环被移动了");

/** the second half of a contradiction's sentence (trace/contradictions.ts) */
const NOT_ONLY_WHAT_HAPPENED = "运行的代码可以改写线程记录的内容，所以时间线显示的可能不全是真实发生的事。";

const ZH_SHAPES: Shape[] = [
  // A snippet the compiler refused (session/playground-runtime.ts): Python's name for it, the compiler's sentence, the place.
  [
    /^SyntaxError: (.+) \(line (\d+), column (\d+)\)$/,
    (message, line, column) => `SyntaxError: ${localizeCompilerMessage(message, "zh")}（第 ${line} 行第 ${column} 列）`,
  ],
  [/^Deadlock: (.+); none of them can go on\.$/, (parts) => `死锁：${parts.split(", and ").map(waits).join("；")}；它们都无法继续。`],
  [
    /^Deadlock: every thread is waiting and none can wake the others \((.+)\)\.$/,
    (entries) => `死锁：每个线程都在等待，没有一个能唤醒其他线程（${entries.split(", ").map(waits).join("，")}）。`,
  ],
  [
    /^deadlock: every thread is waiting and none can go on \(no lock, event or join they wait for can change any more\)$/,
    () => "死锁：每个线程都在等待，没有一个能继续（它们等待的锁、事件或 join 都不会再改变）",
  ],
  [
    /^The trace contradicts itself: it shows (.+) held by (.+) and (.+) at once, at (.+) ms\. (.+)$/,
    (lock, first, second, at) => `记录自相矛盾：它显示 ${lock} 在 ${at} 毫秒时同时被 ${first} 和 ${second} 持有。${NOT_ONLY_WHAT_HAPPENED}`,
  ],
  [
    /^The trace contradicts itself: it shows (.+) going on after it ended, at (.+) ms\. (.+)$/,
    (thread, at) => `记录自相矛盾：它显示 ${thread} 在结束之后（${at} 毫秒时）还在继续。${NOT_ONLY_WHAT_HAPPENED}`,
  ],
  [
    /^The timeline draws the holds of (.+) as they were read: threads not holding (?:it|them) released (?:it|them) too often for the page to settle which hold each release ended, so who held (?:it|them) when may be drawn wrong\.$/,
    (locks) => `时间线按读到的样子绘制 ${locks.replace(/ and (\d+) more$/, " 等另外 $1 个锁").replace(/, /g, "、")} 的持有：未持有它的线程释放它的次数太多，页面无法确定每次释放结束的是哪段持有，所以谁在何时持有它可能画得不对。`,
  ],
  [/^WARNING: DATA RACE$/, () => "警告：数据竞争（DATA RACE）"],
  [/^(Read|Write) of (.+) at line (\d+) by (.+)$/, (kind, variable, line, thread) => `${thread} 在第 ${line} 行${access(kind)} ${variable}`],
  [/^Previous (read|write) of (.+) at line (\d+) by (.+)$/, (kind, variable, line, thread) => `此前 ${thread} 在第 ${line} 行${access(kind)}了 ${variable}`],
  [/^(.+) started at line (\d+) by (.+)$/, (thread, line, parent) => `${thread} 由 ${parent} 在第 ${line} 行启动`],
  [
    /^No lock, queue, event or join orders these two accesses: one thread's update can be lost or seen half-done\.$/,
    () => "没有任何锁、队列、事件或 join 规定这两次访问的先后：一个线程的更新可能丢失，或被看到只完成了一半。",
  ],
  [/^(\d+) more output lines were printed but not kept \(a run keeps at most (\d+) lines and (\d+) MB of text\)$/, (more, lines, mb) => `另有 ${more} 行输出已打印但未保留（一次运行最多保留 ${lines} 行、${mb} 兆字节文本）`],
  [
    /^MemoryError: the process the run's threads ran in stopped answering for ([\d.]+) s: most likely the browser ended it for running out of memory \(the page is fine; the next run starts afresh\)$/,
    (s) => `MemoryError：运行线程的进程已有 ${s} 秒没有响应：很可能是内存耗尽，被浏览器结束了（页面本身没有问题，下次运行会重新开始）`,
  ],
  [
    /^the run's trace could not be read: (.+) \(the snippet wrote over the runtime's memory\?\)$/,
    (why) => `本次运行的跟踪数据无法读取：${unreadable(why)}（是代码改写了运行时的内存吗？）`,
  ],
  [/^the run's trace was refused: (.+)$/, (why) => `本次运行的跟踪数据被拒绝：${why}`],
  [
    /^can't start new thread: (\d+) threads besides MainThread are alive, the run's limit \(settings\.maxThreads\)$/,
    (n) => `无法启动新线程（can't start new thread）：除 MainThread 外已有 ${n} 个线程存活，达到本次运行的上限（settings.maxThreads）`,
  ],
  [
    /^the schedule does not fit this code: it names a thread that cannot take the next step \(was the code changed since the schedule was made\?\)$/,
    () => "调度与这段代码不符：它指定的线程无法执行下一步（调度生成之后代码被改过吗？）",
  ],
  [
    /^a controlled run takes at most 200,000 steps; this one took more \(a loop that never ends\?\)$/,
    () => "受控运行最多执行 200,000 步，这次超过了（是不是有一个永不结束的循环？）",
  ],
  [/^the controlled run's scheduler stopped$/, () => "受控运行的调度器停止了"],
  [
    /^race detector: the run started more than (\d+) threads; races after that were not checked$/,
    (n) => `竞争检测器：本次运行启动了超过 ${n} 个线程，之后的竞争没有检查`,
  ],
  [
    /^race detector: more than (\d+) shared cells were used; cells beyond that were not checked$/,
    (n) => `竞争检测器：使用了超过 ${n} 个共享单元，超出的部分没有检查`,
  ],
  [
    /^race detector: out of memory for concurrent readers; some read\/write races may not be reported$/,
    () => "竞争检测器：记录并发读者的内存不足，部分读写竞争可能未被报告",
  ],
  [
    /^hint: (.+) blocks this thread's whole event loop, so no other task runs meanwhile; use await asyncio\.sleep\(\) \/ asyncio\.toThread\(\) instead$/,
    (call) => `提示：${call} 会阻塞本线程的整个事件循环，其间其他任务都无法运行；请改用 await asyncio.sleep() / asyncio.toThread()`,
  ],
  [
    /^RuntimeWarning: (.+?) ended while code it started was still running \(an async call it did not await\)\. What that code did after the end is not shown \(at least (.+)\); a lock or queue it used may be drawn as it was before\.(?: (?:(\d+) timers? it set)?(?: and )?(?:(\d+) host callbacks? it waited for)? came after its end and did not run: a thread's event loop ends with it\.)?$/,
    (thread, what, timers, hostCalls) =>
      `RuntimeWarning：${thread} 结束时，它启动的代码仍在运行（一个没有 await 的异步调用）。那段代码在它结束之后所做的事没有显示（至少${lateWhat(what)}）；它用过的锁或队列可能仍按之前的样子画出。` +
      (timers || hostCalls ? `它${zhJoin([timers && `设置的 ${timers} 个定时器`, hostCalls && `等待的 ${hostCalls} 个宿主回调`])}在它结束后才到来，没有执行：线程的事件循环随线程一起结束。` : ""),
  ],
  [
    /^RuntimeWarning: (.+?) ended with (?:(\d+) timers? still set)?(?: and )?(?:(\d+) host callbacks? still pending)?: (?:it|they) came after its end and did not run, as a thread's event loop ends with it\.$/,
    (thread, timers, hostCalls) =>
      `RuntimeWarning：${thread} 结束时还有${zhJoin([timers && ` ${timers} 个未到期的定时器`, hostCalls && ` ${hostCalls} 个未完成的宿主回调`])}：${Number(timers ?? 0) + Number(hostCalls ?? 0) === 1 ? "它" : "它们"}在线程结束后才到来，没有执行，因为线程的事件循环随线程一起结束。`,
  ],
  [
    /^RuntimeWarning: more threads left code running after they ended; their later steps are not shown either$/,
    () => "RuntimeWarning：还有更多线程在结束后留下了仍在运行的代码；它们之后的步骤同样没有显示。",
  ],
  [/^the run's trace was not completely read at its end$/, () => "本次运行的跟踪数据在结束时没有被完整读取"],
];

/** The runtime's sentences are short; a longer line (a snippet's exception message can be megabytes) is not one of them, and is not matched at all. */
const MAX_SENTENCE_CHARS = 2000;

function localizeLine(line: string): string {
  if (line.length > MAX_SENTENCE_CHARS) return line;
  return sayByShape(ZH_SHAPES, line) ?? line;
}

/** `text` (one or more lines the runtime wrote) in `language`; lines of no known shape stay as they are. */
export function localizeRuntimeText(text: string, language: Language): string {
  if (language === "en") return text;
  return text.split("\n").map(localizeLine).join("\n");
}
