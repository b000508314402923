// Event (Python's threading.Event) over the sync core, with the caller shown
// as waiting, and its wait-for edge set, while it sleeps.

import { Event as EventCore } from "../sync/event";
import { context, type WorkerContext } from "../runtime/worker-context";
import { WaitKind } from "../runtime/wait-kinds";
import { SEND, type Sendable } from "../runtime/serialize";
import { ThreadState } from "../trace/events";
import { timeoutOf } from "./locks";
import { place, traced, type Shared } from "./blocking-waits";

export class Event implements Sendable {
  private readonly ctx: WorkerContext;
  private readonly core: EventCore;
  private readonly at: Shared;
  /** the id the timeline shows for this event */
  readonly id: number;

  constructor(shared?: Shared) {
    const ctx = (this.ctx = context());
    this.at = place(ctx, EventCore.WORDS, shared);
    this.id = this.at.id;
    this.core = new EventCore(ctx.i32, this.at.base);
  }

  isSet(): boolean {
    return this.core.isSet();
  }

  set(): void {
    this.core.set();
  }

  clear(): void {
    this.core.clear();
  }

  /** Blocks until the flag is set; false when `timeoutMs` passed first. */
  wait(timeoutMs?: number): boolean {
    const waitMs = timeoutOf(true, timeoutMs);
    if (this.core.isSet()) return true;
    const ctx = this.ctx;
    return traced(ctx, ThreadState.Waiting, WaitKind.Event, this.at, waitMs !== Infinity, (onBlock) => this.core.wait(waitMs, onBlock));
  }

  [SEND]() {
    return { kind: "Event", data: { base: this.at.base, id: this.id } };
  }

  toString(): string {
    return `<Event: ${this.isSet() ? "set" : "unset"}>`;
  }
}
