// The hover tooltip's words for a hit: what it was, exact times, and — for
// a wait — why: who held the lock, who handed it over, which thread was
// joined, which put an item came from. Pure text; the page lays it out.

import { ThreadState } from "../trace/events";
import type { TraceModel } from "../trace/model";
import { lowerBound } from "../trace/model-series";
import { joinedThread, labelText, lockName, poolName, queueName, stateName, threadName, waitTargetName } from "../trace/names";
import { formatDuration, formatTime } from "./axis";
import type { Hit } from "./hit-test";

export interface HitDescription {
  title: string;
  rows: [string, string][];
  /** a state's colour key (ThreadState) for the swatch, or -1 */
  state: number;
}

function interval(startMs: number, endMs: number, open: boolean): [string, string][] {
  return [
    ["from", formatTime(startMs)],
    ["to", open ? `${formatTime(endMs)} (still going)` : formatTime(endMs)],
    ["lasted", formatDuration(endMs - startMs)],
  ];
}

export function describeHit(model: TraceModel, hit: Hit, printText?: (ident: number, tMs: number) => string | null): HitDescription | null {
  const name = (ident: number) => threadName(model, ident);
  switch (hit.kind) {
    case "state": {
      const track = model.threads.get(hit.ident)!;
      const open = hit.index === track.states.length - 1;
      const rows = interval(hit.startMs, hit.endMs, open);
      const target = waitTargetName(model, hit.state, hit.obj);
      if (hit.state === ThreadState.Blocked && hit.obj !== 0) {
        rows.push(["on", target]);
        const lock = model.locks.get(hit.obj);
        const holder = lock?.holderAt(hit.startMs);
        if (holder && holder.ident !== hit.ident) rows.push(["held by", name(holder.ident)]);
        // The hold this wait ended in starts when the wait ends (a coarse stamp may be a little later).
        const mine = lock?.holds.get(hit.ident);
        const next = mine ? lowerBound(mine.starts.data, mine.length, hit.endMs - 1e-6) : -1;
        const got = mine && next < mine.length && mine.starts.data[next] - hit.endMs < 2;
        const prev = lock && got ? lock.previousHolder(hit.ident, mine.ends.data[next]) : null;
        if (prev) rows.push(["handed over by", `${name(prev.ident)} at ${formatTime(prev.endMs)}`]);
      } else if (hit.state === ThreadState.Waiting && hit.obj !== 0) {
        const joined = open ? null : joinedThread(model, hit.obj, hit.endMs);
        rows.push(["on", joined ? `${joined} to finish (join)` : `${target} (condition, event, barrier or join)`]);
      } else if (target) {
        rows.push(["on", target]);
      }
      if (hit.changesInPixel > 1) rows.push(["this pixel", `${hit.changesInPixel.toLocaleString("en-US")} state changes: zoom in to see them`]);
      return { title: `${name(hit.ident)} · ${stateName(hit.state)}`, rows, state: hit.state };
    }
    case "final":
      return { title: `${name(hit.ident)} · ${stateName(hit.state)}`, rows: [["at", formatTime(hit.tMs)]], state: hit.state };
    case "mark":
      return { title: `mark · ${labelText(model, hit.label)}`, rows: [["thread", name(hit.ident)], ["at", formatTime(hit.tMs)]], state: -1 };
    case "print": {
      const text = printText?.(hit.ident, hit.tMs);
      const rows: [string, string][] = [["at", formatTime(hit.tMs)]];
      if (text) rows.push(["text", text.length > 80 ? `${text.slice(0, 79)}…` : text]);
      rows.push(["", "click to show it in the output"]);
      return { title: `print · ${name(hit.ident)}`, rows, state: -1 };
    }
    case "span":
      return { title: `span · ${labelText(model, hit.label)}`, rows: [["thread", name(hit.ident)], ...interval(hit.startMs, hit.endMs, false)], state: -1 };
    case "task":
      return { title: `task #${hit.task} · ${poolName(hit.poolId)}`, rows: [["worker", name(hit.ident)], ...interval(hit.startMs, hit.endMs, false)], state: -1 };
    case "coroutine": {
      const rows: [string, string][] = [["thread", name(hit.ident)], ...interval(hit.startMs, hit.endMs, false)];
      rows.push(hit.running ? ["running for", formatDuration(hit.runEndMs - hit.runStartMs)] : ["now", "waiting at an await"]);
      if (hit.failed) rows.push(["ended", "with an exception"]);
      return { title: `asyncio task · ${labelText(model, hit.task)}`, rows, state: hit.running ? ThreadState.Running : -1 };
    }
    case "hold": {
      const lock = model.locks.get(hit.lockId)!;
      const rows = interval(hit.startMs, hit.endMs, !Number.isFinite(lock.holds.get(hit.ident)!.ends.data[hit.index]));
      if (!Number.isNaN(hit.waitStartMs)) {
        rows.push(["waited first", formatDuration(hit.startMs - hit.waitStartMs)]);
        const prev = lock.previousHolder(hit.ident, hit.endMs);
        if (prev) rows.push(["got it from", `${name(prev.ident)} (released at ${formatTime(prev.endMs)})`]);
      } else {
        rows.push(["contended", "no: the lock was free"]);
      }
      return { title: `${lockName(lock)} held by ${name(hit.ident)}`, rows, state: -1 };
    }
    case "lock-wait": {
      const lock = model.locks.get(hit.lockId)!;
      const rows = interval(hit.startMs, hit.endMs, false);
      const holder = lock.holderAt(hit.startMs);
      if (holder) rows.push(["held by", name(holder.ident)]);
      return { title: `${name(hit.ident)} waited for ${lockName(lock)}`, rows, state: ThreadState.Blocked };
    }
    case "queue-op": {
      const queue = model.queues.get(hit.queueId)!;
      const other = hit.put ? queue.gets : queue.puts;
      const rows: [string, string][] = [["at", formatTime(hit.tMs)], ["depth after", String(hit.depth)], ["item", `#${hit.k + 1} ${hit.put ? "put" : "got"}`]];
      if (hit.k < other.length) {
        const t = other.times.data[hit.k];
        rows.push([hit.put ? "got by" : "put by", `${name(other.idents.data[hit.k])} at ${formatTime(t)} (${formatDuration(Math.abs(t - hit.tMs))} ${hit.put ? "later" : "earlier"})`]);
      } else if (hit.put) {
        rows.push(["got by", "nobody yet"]);
      }
      return { title: `${queueName(model, hit.queueId)} · ${hit.put ? "put" : "get"} by ${name(hit.ident)}`, rows, state: -1 };
    }
    case "counter":
      return hit.lane === "queue"
        ? { title: `${queueName(model, hit.id)} · ${hit.value} ${hit.value === 1 ? "item" : "items"}`, rows: [["at", formatTime(hit.tMs)]], state: -1 }
        : { title: `${poolName(hit.id)} · ${hit.value} pending ${hit.value === 1 ? "task" : "tasks"}`, rows: [["at", formatTime(hit.tMs)]], state: -1 };
    case "lane":
      return null;
  }
}
