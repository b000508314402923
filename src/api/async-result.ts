// Python's AsyncResult: the eventual result of a Pool's applyAsync or
// mapAsync (pool.ts). It waits by pumping the pool's result queue
// (TaskClient.pumpUntil), so the results that arrive meanwhile are delivered
// and their callbacks run where pool.ts says: in the thread that owns the
// pool, while it waits on it.

import { TimeoutError, ValueError } from "../base/errors";
import { span } from "./output";
import type { TaskClient } from "./task-workers";

export interface AsyncOptions<R> {
  callback?: (value: R) => unknown;
  errorCallback?: (error: Error) => unknown;
}

/** The eventual result of an async pool call (Python's AsyncResult). */
export class AsyncResult<R = unknown> {
  private state: "pending" | "ok" | "error" = "pending";
  private value: R | undefined;
  private error: Error | undefined;

  constructor(private readonly client: TaskClient) {}

  /** @internal called by the pool when the job completes */
  settle(ok: boolean, value: unknown, options: AsyncOptions<R>): void {
    // Callbacks are drawn as spans on the owner's lane, where they run.
    if (ok) {
      this.state = "ok";
      this.value = value as R;
      if (options.callback) span("callback", () => options.callback!(this.value as R));
    } else {
      this.state = "error";
      this.error = value as Error;
      if (options.errorCallback) span("errorCallback", () => options.errorCallback!(this.error!));
    }
  }

  ready(): boolean {
    if (this.state === "pending") this.client.pumpUntil(() => this.state !== "pending", 0);
    return this.state !== "pending";
  }

  /** Block until ready, or `timeoutMs`. */
  wait(timeoutMs?: number): void {
    this.client.pumpUntil(() => this.state !== "pending", timeoutMs ?? Infinity);
  }

  /** The result (or the worker's error, raised); TimeoutError if not ready in `timeoutMs`. */
  get(timeoutMs?: number): R {
    this.wait(timeoutMs);
    if (this.state === "pending") throw new TimeoutError(`the result was not ready after ${timeoutMs} ms`);
    if (this.state === "error") throw this.error!;
    return this.value as R;
  }

  successful(): boolean {
    if (!this.ready()) throw new ValueError("the result is not ready");
    return this.state === "ok";
  }
}
