// The state colours, named: what a learner needs to read the bars.

import { ThreadState } from "../../trace/events";
import { useStrings, type Strings } from "../i18n/language";

type LegendState = ThreadState.Starting | ThreadState.Running | ThreadState.Runnable | ThreadState.Blocked | ThreadState.Waiting | ThreadState.Sleeping | ThreadState.QueueWait | ThreadState.EventLoopIdle | ThreadState.Done | ThreadState.Error | ThreadState.Stopped;

const ITEMS: [LegendState, string][] = [
  [ThreadState.Starting, "--st-starting"],
  [ThreadState.Running, "--st-running"],
  [ThreadState.Runnable, "--st-gil"],
  [ThreadState.Blocked, "--st-blocked"],
  [ThreadState.Waiting, "--st-waiting"],
  [ThreadState.Sleeping, "--st-sleeping"],
  [ThreadState.QueueWait, "--st-queue"],
  [ThreadState.EventLoopIdle, "--st-idle"],
  [ThreadState.Done, "--st-done"],
  [ThreadState.Error, "--st-error"],
  [ThreadState.Stopped, "--st-stopped"],
];

interface LegendText {
  legend: string;
  /** [short label, longer explanation] */
  states: Record<LegendState, [string, string]>;
  print: [string, string];
  mark: [string, string];
}

const STRINGS: Strings<LegendText> = {
  en: {
    legend: "Legend",
    states: {
      [ThreadState.Starting]: ["starting", "its worker is setting the thread up; none of the snippet's code runs yet"],
      [ThreadState.Running]: ["running", "running on its worker"],
      [ThreadState.Runnable]: ["waiting for the GIL", "ready to run, waiting for the GIL"],
      [ThreadState.Blocked]: ["blocked on a lock", "blocked on a lock or semaphore"],
      [ThreadState.Waiting]: ["waiting", "waiting (condition, event, join, barrier)"],
      [ThreadState.Sleeping]: ["sleeping", "sleeping"],
      [ThreadState.QueueWait]: ["waiting on a queue or pipe", "waiting on a queue or pipe"],
      [ThreadState.EventLoopIdle]: ["event loop idle", "its event loop has nothing to run: its code (every asyncio task) waits at an await, without the GIL"],
      [ThreadState.Done]: ["done", "ended"],
      [ThreadState.Error]: ["error", "ended with an exception"],
      [ThreadState.Stopped]: ["stopped", "stopped (Stop, terminate, or the end of the run)"],
    },
    print: ["print", "a thread printed a line here (click it to find the line)"],
    mark: ["mark", "mark(label)"],
  },
  zh: {
    legend: "图例",
    states: {
      [ThreadState.Starting]: ["启动中", "工作线程正在准备这个线程，代码片段的代码还没有开始运行"],
      [ThreadState.Running]: ["运行", "正在运行"],
      [ThreadState.Runnable]: ["等待 GIL", "可以运行，正在等待 GIL"],
      [ThreadState.Blocked]: ["等待锁", "阻塞在锁或信号量上"],
      [ThreadState.Waiting]: ["等待", "等待（条件变量、事件、join、栅栏）"],
      [ThreadState.Sleeping]: ["休眠", "休眠（sleep）"],
      [ThreadState.QueueWait]: ["等待队列或管道", "等待队列或管道"],
      [ThreadState.EventLoopIdle]: ["事件循环空闲", "事件循环没有可运行的代码：它的代码（每个 asyncio 任务）都在 await 处等待，不持有 GIL"],
      [ThreadState.Done]: ["结束", "已结束"],
      [ThreadState.Error]: ["出错", "因异常结束"],
      [ThreadState.Stopped]: ["已停止", "被停止（停止按钮、terminate 或运行结束）"],
    },
    print: ["输出", "线程在此处用 print 输出了一行（点击可找到该行）"],
    mark: ["标记", "mark(label) 留下的标记"],
  },
};

export function Legend() {
  const t = useStrings(STRINGS);
  return (
    <ul className="tl-legend" aria-label={t.legend}>
      {ITEMS.map(([state, cssVar]) => (
        <li key={state} title={t.states[state][1]}>
          <span className={state >= ThreadState.Done ? "tl-swatch tl-swatch-end" : "tl-swatch"} style={{ background: `var(${cssVar})` }} />
          {t.states[state][0]}
        </li>
      ))}
      <li title={t.print[1]}><span className="tl-swatch tl-swatch-tick" />{t.print[0]}</li>
      <li title={t.mark[1]}><span className="tl-swatch tl-swatch-mark" />{t.mark[0]}</li>
    </ul>
  );
}
