// Every word the timeline draws on its canvas or puts in its hover card, in
// English and Chinese. The renderer gets one table in its FrameInput (and
// describeHit, layoutLanes and runStats as a parameter), so this folder
// needs no UI import: the page picks the table of its language and redraws
// when the language changes. English is the default everywhere, so tests,
// the benchmark and the automation API read as before.
//
// Python's names (MainThread, Thread-1, Lock 3, Queue 7, Pool 5) are names,
// not words: they stay as they are. So do the API's own names (mark, print,
// span, put, get, join, worker, GIL). The Chinese follows the legend and the
// stats panel (ui/timeline/Legend.tsx, StatsPanel.tsx).

import { ThreadState } from "../trace/events";
import { EN_NAME_WORDS, type NameWords } from "../trace/names";
import { groupedCount } from "../base/grouped-count";

export interface TimelineWords extends NameWords {
  // --- canvas ---
  /** a state bar's label when the bar is narrow; running has none (it is the green) */
  short: Record<ThreadState.Runnable | ThreadState.Blocked | ThreadState.Waiting | ThreadState.Sleeping | ThreadState.QueueWait | ThreadState.EventLoopIdle, string>;
  /** the hover card's row about chunking: its label and value (chunksize 0: not known) */
  chunkRow: string;
  /** the hover card's row with what a task runs ("double(3)") */
  runs: string;
  chunkOf(count: number, chunksize: number): string;
  /** the row saying map chose the chunksize, as Python's does, when the snippet passed none */
  chunksizeRow: string;
  chosenByMap: string;
  /** the label of a data race's marks: "race" (then ": counter") */
  race: string;
  /** group headers */
  locks: string;
  /** a Semaphore's lane: its waits are drawn, its holders are not (it has no owner: any thread may release it) */
  waitsOnly(name: string): string;
  queues: string;
  poolWorkers: string;
  /** a thread's lane after it was renamed: its name now, and what it was called at first */
  renamedFrom(name: string, first: string): string;
  poolGroup(pool: string, workers: number): string;
  /** the pool lane under its header */
  pendingTasks: string;
  /** the gutter's figure for a lock and for a queue or pool lane */
  lockWaited(contended: number, acquisitions: number): string;
  max(value: number): string;
  /** the axis corner */
  timeSinceStart: string;
  live: string;
  // --- hover card: row labels ---
  from: string;
  to: string;
  lasted: string;
  on: string;
  at: string;
  heldBy: string;
  /** the holders of a lock during one wait, in turn: "Thread-4 until 226.000 ms, then Thread-2" */
  holderUntil(name: string, time: string): string;
  thenHolder: string;
  moreHolders(count: number): string;
  handedOverBy: string;
  thread: string;
  text: string;
  worker: string;
  runningFor: string;
  now: string;
  ended: string;
  waitedFirst: string;
  gotItFrom: string;
  contended: string;
  depthAfter: string;
  item: string;
  gotBy: string;
  putBy: string;
  thisPixel: string;
  // --- hover card: values and titles ---
  stillGoing(time: string): string;
  /** where a task ended that did not finish: its worker's thread ended (Pool.terminate) */
  cutShort(time: string): string;
  /** drawn over the time past the trace's cap (draw-unrecorded.ts) */
  notRecorded: string;
  /** drawn over the time past the last event a stopped run's page received (draw-unrecorded.ts) */
  notReceived: string;
  /** over an object lane where thread `name` had its per-operation events off */
  notTraced(name: string): string;
  /** the same, where several threads had theirs off (or the run toggled it past what the page keeps) */
  notTracedMany: string;
  /** an interval that runs past the cap: where its record ends, and its least length */
  notRecordedAfter(time: string): string;
  /** a Lock's hold card where threads not holding it released it: the row's label, and what its holds are worth (model-lock.ts releasesPlaced) */
  releasedByOthers: string;
  placedAtEnd: string;
  drawnAsRead: string;
  endPlacedByStamp: string;
  atLeast(duration: string): string;
  /** "Thread-1 at 12.000 ms" */
  nameAt(name: string, time: string): string;
  /** "Thread-1 (released at 12.000 ms)" */
  releasedAt(name: string, time: string): string;
  /** what a wait is on, with its kind when the snippet named it: "ready (Event)" */
  objectOfKind(name: string, kind: string): string;
  stateChanges(count: number): string;
  clickToShow: string;
  waitingAtAwait: string;
  withException: string;
  /** an asyncio task that ended with the CancelledError its cancel() raised */
  wasCancelled: string;
  lockWasFree: string;
  /** "#2 put", "#2 got" */
  itemNumber(k: number, put: boolean): string;
  /** "Thread-1 at 12.000 ms (1.00 ms later)" */
  pairedAt(name: string, time: string, gap: string, later: boolean): string;
  nobodyYet: string;
  /** a LifoQueue's or PriorityQueue's put or get: which item went where is not in the trace */
  orderNotRecorded: string;
  /** a FIFO queue's put or get whose partner the trace cannot tell (a tie of stamps, an untraced put or get, dropped events) */
  pairUnknown: string;
  markTitle(label: string): string;
  printTitle(thread: string): string;
  spanTitle(label: string): string;
  taskTitle(index: number, pool: string): string;
  chunkTitle(first: number, count: number, pool: string): string;
  coroutineTitle(task: string): string;
  heldTitle(lock: string, thread: string): string;
  waitedTitle(thread: string, lock: string): string;
  queueOpTitle(queue: string, put: boolean, thread: string): string;
  queueItems(queue: string, count: number): string;
  poolPending(pool: string, count: number): string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const EN_WORDS: TimelineWords = {
  ...EN_NAME_WORDS,
  short: {
    [ThreadState.Runnable]: "GIL",
    [ThreadState.Blocked]: "blocked",
    [ThreadState.Waiting]: "waiting",
    [ThreadState.Sleeping]: "sleep",
    [ThreadState.QueueWait]: "queue",
    [ThreadState.EventLoopIdle]: "idle",
  },
  chunkRow: "chunk",
  runs: "runs",
  chunkOf: (count, size) => {
    const items = `${count} ${plural(count, "item", "items")}`;
    if (size === 0) return `${items} (map hands its items to the workers in chunks)`;
    // Only the last chunk can be short: say so, or "1 item ... chunksize 4" reads as a mistake.
    return `${items} of map with chunksize ${size}${count < size ? ": the last chunk, the items left over" : ""}`;
  },
  chunksizeRow: "chunksize",
  chosenByMap: "chosen by map: the items ÷ (4 × the workers), rounded up",
  race: "data race",
  locks: "Locks",
  waitsOnly: (name) => `${name} · waits only`,
  queues: "Queues",
  poolWorkers: "Pool workers",
  renamedFrom: (name, first) => `${name} (was ${first})`,
  poolGroup: (pool, n) => `${pool} · ${n} ${plural(n, "worker", "workers")}`,
  pendingTasks: "pending tasks",
  lockWaited: (contended, acquisitions) => `${contended}/${acquisitions} waited`,
  max: (value) => `max ${value}`,
  timeSinceStart: "time since start",
  live: "live",
  from: "from",
  to: "to",
  lasted: "lasted",
  on: "on",
  at: "at",
  heldBy: "held by",
  holderUntil: (name, time) => `${name} until ${time}`,
  thenHolder: ", then ",
  moreHolders: (count) => `, and ${count} more`,
  handedOverBy: "handed over by",
  thread: "thread",
  text: "text",
  worker: "worker",
  runningFor: "running for",
  now: "now",
  ended: "ended",
  waitedFirst: "waited first",
  gotItFrom: "got it from",
  contended: "contended",
  depthAfter: "depth after",
  item: "item",
  gotBy: "got by",
  putBy: "put by",
  thisPixel: "this pixel",
  stillGoing: (time) => `${time} (still going)`,
  cutShort: (time) => `${time} (not finished: its worker ended)`,
  notRecorded: "not recorded: the trace is full",
  notReceived: "not recorded: the run ended before this part of its trace reached the page",
  notTraced: (name) => `${name}'s operations not recorded: setTracing(false)`,
  notTracedMany: "some threads' operations not recorded: setTracing(false)",
  notRecordedAfter: (time) => `not recorded after ${time}`,
  releasedByOthers: "released by others",
  placedAtEnd: "placed when the run ends: until then this hold may be drawn wrong",
  drawnAsRead: "too often to place: the holds are drawn as read, and may be wrong",
  endPlacedByStamp: "its end is placed where that release was stamped, not known exactly",
  atLeast: (duration) => `at least ${duration}`,
  nameAt: (name, time) => `${name} at ${time}`,
  releasedAt: (name, time) => `${name} (released at ${time})`,
  objectOfKind: (name, kind) => `${name} (${kind})`,
  stateChanges: (n) => `${groupedCount(n)} state changes: zoom in to see them`,
  clickToShow: "click to show it in the output",
  waitingAtAwait: "waiting at an await",
  withException: "with an exception",
  wasCancelled: "cancelled (CancelledError)",
  lockWasFree: "no: the lock was free",
  itemNumber: (k, put) => `#${k} ${put ? "put" : "got"}`,
  pairedAt: (name, time, gap, later) => `${name} at ${time} (${gap} ${later ? "later" : "earlier"})`,
  nobodyYet: "nobody yet",
  orderNotRecorded: "not recorded: this queue does not give items back in the order they were put",
  pairUnknown: "cannot be told from the trace",
  markTitle: (label) => `mark · ${label}`,
  printTitle: (thread) => `print · ${thread}`,
  spanTitle: (label) => `span · ${label}`,
  taskTitle: (index, pool) => `task #${index} · ${pool}`,
  chunkTitle: (first, count, pool) => `map chunk: ${EN_NAME_WORDS.chunk(first, count)} · ${pool}`,
  coroutineTitle: (task) => `asyncio task · ${task}`,
  heldTitle: (lock, thread) => `${lock} held by ${thread}`,
  waitedTitle: (thread, lock) => `${thread} waited for ${lock}`,
  queueOpTitle: (queue, put, thread) => `${queue} · ${put ? "put" : "get"} by ${thread}`,
  queueItems: (queue, n) => `${queue} · ${n} ${plural(n, "item", "items")}`,
  poolPending: (pool, n) => `${pool} · ${n} pending ${plural(n, "task", "tasks")}`,
};

export const ZH_WORDS: TimelineWords = {
  states: {
    [ThreadState.Starting]: "启动中",
    [ThreadState.Running]: "运行",
    [ThreadState.Runnable]: "等待 GIL",
    [ThreadState.Blocked]: "等待锁",
    [ThreadState.Waiting]: "等待",
    [ThreadState.Sleeping]: "休眠",
    [ThreadState.QueueWait]: "等待队列或管道",
    [ThreadState.EventLoopIdle]: "事件循环空闲",
    [ThreadState.Done]: "结束",
    [ThreadState.Error]: "出错",
    [ThreadState.Stopped]: "已停止",
  },
  joined: (thread) => `join ${thread}`,
  ownedBy: (owner, role) => `${owner} 的${role === "tasks" ? "任务队列" : role === "results" ? "结果队列" : role}`,
  short: {
    [ThreadState.Runnable]: "GIL",
    [ThreadState.Blocked]: "等锁",
    [ThreadState.Waiting]: "等待",
    [ThreadState.Sleeping]: "休眠",
    [ThreadState.QueueWait]: "队列",
    [ThreadState.EventLoopIdle]: "空闲",
  },
  task: (index) => `任务 #${index}`,
  chunk: (first, count) => (count === 1 ? `第 ${first} 项` : `第 ${first}–${first + count - 1} 项`),
  schedulerTurn: "调度器的轮次",
  chunkRow: "分块",
  runs: "运行",
  chunkOf: (count, size) => {
    if (size === 0) return `${count} 项（map 把元素分成块交给工作者）`;
    return `map 的 ${count} 项，chunksize 为 ${size}${count < size ? "：最后一块，剩下的项" : ""}`;
  },
  chunksizeRow: "chunksize",
  chosenByMap: "由 map 选定：项数 ÷（4 × 工作者数），向上取整",
  race: "数据竞争",
  locks: "锁",
  waitsOnly: (name) => `${name} · 仅显示等待`,
  queues: "队列",
  poolWorkers: "池的工作者",
  renamedFrom: (name, first) => `${name}（原名 ${first}）`,
  poolGroup: (pool, n) => `${pool} · ${n} 个工作者`,
  pendingTasks: "待处理任务",
  lockWaited: (contended, acquisitions) => `${contended}/${acquisitions} 次需等待`,
  max: (value) => `最多 ${value}`,
  timeSinceStart: "自开始起的时间",
  live: "实时",
  from: "开始",
  to: "结束",
  lasted: "持续",
  on: "等待对象",
  at: "时刻",
  heldBy: "持有者",
  holderUntil: (name, time) => `${name}（到 ${time}）`,
  thenHolder: "，然后是 ",
  moreHolders: (count) => `，另有 ${count} 次`,
  handedOverBy: "交接自",
  thread: "线程",
  text: "内容",
  worker: "工作者",
  runningFor: "本次运行",
  now: "当前",
  ended: "结果",
  waitedFirst: "先等待了",
  gotItFrom: "接手自",
  contended: "争用",
  depthAfter: "操作后长度",
  item: "条目",
  gotBy: "取走者",
  putBy: "放入者",
  thisPixel: "此像素",
  stillGoing: (time) => `${time}（仍在继续）`,
  cutShort: (time) => `${time}（未完成：它的工作线程已结束）`,
  notRecorded: "未记录：跟踪已满",
  notReceived: "未记录：这段跟踪尚未送达页面，运行就结束了",
  notTraced: (name) => `${name} 的操作未记录：setTracing(false)`,
  notTracedMany: "部分线程的操作未记录：setTracing(false)",
  notRecordedAfter: (time) => `${time} 之后未记录`,
  releasedByOthers: "被他人释放",
  placedAtEnd: "运行结束时再确定：在此之前这段持有可能画得不对",
  drawnAsRead: "次数太多，无法确定：持有按读到的样子绘制，可能有误",
  endPlacedByStamp: "这段持有的结束按那次释放记录的时间推定，并非确知",
  atLeast: (duration) => `至少 ${duration}`,
  nameAt: (name, time) => `${name}，于 ${time}`,
  releasedAt: (name, time) => `${name}（于 ${time} 释放）`,
  objectOfKind: (name, kind) => `${name}（${kind}）`,
  stateChanges: (n) => `${groupedCount(n)} 次状态变化：放大后可逐一查看`,
  clickToShow: "点击可在输出中显示这一行",
  waitingAtAwait: "在 await 处等待",
  withException: "抛出了异常",
  wasCancelled: "被取消（CancelledError）",
  lockWasFree: "无：锁当时空闲",
  itemNumber: (k, put) => `第 ${k} 个，${put ? "放入" : "取出"}`,
  pairedAt: (name, time, gap, later) => `${name}，于 ${time}（${gap}${later ? "之后" : "之前"}）`,
  nobodyYet: "还没有人取走",
  orderNotRecorded: "未记录：这种队列不按放入的顺序取出",
  pairUnknown: "无法从记录中判断",
  markTitle: (label) => `标记 · ${label}`,
  printTitle: (thread) => `输出 · ${thread}`,
  spanTitle: (label) => `区间 · ${label}`,
  taskTitle: (index, pool) => `任务 #${index} · ${pool}`,
  chunkTitle: (first, count, pool) => `map 分块：${ZH_WORDS.chunk(first, count)} · ${pool}`,
  coroutineTitle: (task) => `协程任务 · ${task}`,
  heldTitle: (lock, thread) => `${lock} 被 ${thread} 持有`,
  waitedTitle: (thread, lock) => `${thread} 等待 ${lock}`,
  queueOpTitle: (queue, put, thread) => `${queue} · ${thread} ${put ? "放入（put）" : "取出（get）"}`,
  queueItems: (queue, n) => `${queue} · ${n} 项`,
  poolPending: (pool, n) => `${pool} · ${n} 个待处理任务`,
};
