// Event (Python's threading.Event) over the sync core, with the caller shown
// as waiting, and its wait-for edge set, while it sleeps.

import { Event as EventCore } from "../sync/event";
import { context, block, place, track, type Placed, SEND, type Sendable, happensBefore, step, touched, StepKind } from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { timeoutOf } from "./locks";

export class Event implements Sendable {
  private readonly core: EventCore;
  private readonly at: Placed;

  constructor(shared?: Placed) {
    this.at = place(ObjKind.Event, EventCore.WORDS, shared);
    track(this, this.at.ref);
    this.core = new EventCore(context().i32, this.at.base);
  }

  isSet(): boolean {
    const set = this.core.isSet();
    if (set) happensBefore()?.acquire(this.at.ref);
    return set;
  }

  set(): void {
    step(StepKind.Set, this.at.ref);
    happensBefore()?.release(this.at.ref);
    this.core.set();
    touched(this.at.ref);
  }

  clear(): void {
    step(StepKind.Clear, this.at.ref);
    this.core.clear();
  }

  /** Blocks until the flag is set; false when `timeoutMs` passed first. */
  wait(timeoutMs?: number): boolean {
    const waitMs = timeoutOf(true, timeoutMs);
    step(StepKind.Wait, this.at.ref);
    const set = this.core.isSet() || block(this.at, waitMs !== Infinity, (onBlock) => this.core.wait(waitMs, onBlock), undefined, waitMs);
    if (set) happensBefore()?.acquire(this.at.ref);
    return set;
  }

  [SEND]() {
    return { kind: "Event", data: this.at };
  }

  toString(): string {
    return `<Event: ${this.isSet() ? "set" : "unset"}>`;
  }
}
