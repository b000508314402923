// When a thread's asyncio event loop is idle: it has tasks, and every one
// of them waits at an await, so the thread is not running any code of the
// snippet; it sits in the worker's event loop until a timer or a message
// wakes a task. The runtime finds the thread idle only once its worker has
// run dry, a moment after the await (runtime/thread-event-loop.ts), so the
// model derives the idle stretches from the task events, which are exact
// about when: TaskStart and TaskResume make a task run, TaskAwait and
// TaskEnd stop it.
//
// Idle is drawn only over a running stretch: a task that blocks its thread
// (time.sleep, a threading lock) is running as far as the loop knows, and
// the thread's own state says what it waits on.

import { EventKind } from "./events";

export class LoopActivity {
  /** tasks that have started and not ended */
  private readonly alive = new Set<number>();
  /** tasks between a start or resume and their next await or end */
  private readonly running = new Set<number>();

  /** Takes one task event; returns whether the loop is idle after it. */
  take(kind: EventKind, task: number): boolean {
    switch (kind) {
      case EventKind.TaskStart:
        this.alive.add(task);
        this.running.add(task);
        break;
      case EventKind.TaskResume:
        if (this.alive.has(task)) this.running.add(task);
        break;
      case EventKind.TaskAwait:
        this.running.delete(task);
        break;
      case EventKind.TaskEnd:
        this.running.delete(task);
        this.alive.delete(task);
        break;
    }
    return this.idle;
  }

  get idle(): boolean {
    return this.alive.size > 0 && this.running.size === 0;
  }

  /** The thread ended: its loop is gone. */
  clear(): void {
    this.alive.clear();
    this.running.clear();
  }
}
