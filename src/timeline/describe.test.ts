// The hover card of a wait for a lock names every thread that held the
// lock during the wait, in turn, not only the one that held it as the wait
// began (the learner reads "who kept me waiting").
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "../trace/events";
import type { TraceModel } from "../trace/model";
import { runningThreads } from "../trace/test-threads";
import { ObjKind, objRef } from "../trace/object-kinds";
import { describeHit } from "./describe";
import { checkHolds } from "../trace/contradictions";
import { ZH_WORDS } from "./words";

const LOCK = objRef(ObjKind.Lock, 3);
const S = EventKind.State;

/** MainThread holds the lock 0-10, Thread-1 10-20, Thread-3 20-30 (three more short holds follow); Thread-2 waits 5-40. */
function handedAround(): TraceModel {
  const m = runningThreads("MainThread", "Thread-1", "Thread-2", "Thread-3");
  m.add(1, 0, EventKind.LockAcquired, 0, LOCK);
  m.add(3, 5, S, ThreadState.Blocked, LOCK);
  m.add(1, 10, EventKind.LockReleased, 0, LOCK);
  m.add(2, 10, EventKind.LockAcquired, 0, LOCK);
  m.add(2, 20, EventKind.LockReleased, 0, LOCK);
  m.add(4, 20, EventKind.LockAcquired, 0, LOCK);
  m.add(4, 30, EventKind.LockReleased, 0, LOCK);
  for (let t = 31; t < 37; t += 2) {
    m.add(1, t, EventKind.LockAcquired, 0, LOCK);
    m.add(1, t + 1, EventKind.LockReleased, 0, LOCK);
  }
  m.add(3, 40, S, ThreadState.Running, 0);
  m.add(3, 40, EventKind.LockAcquired, 0, LOCK);
  return m;
}

describe("a lock wait's card", () => {
  const m = handedAround();
  const wait = { kind: "state", ident: 3, index: 1, startMs: 5, endMs: 40, state: ThreadState.Blocked, obj: LOCK, changesInPixel: 1 } as const;

  it("names each holder during the wait, in turn", () => {
    const rows = Object.fromEntries(describeHit(m, wait)!.rows);
    expect(rows["held by"]).toBe("MainThread until 10.000 ms, then Thread-1 until 20.000 ms, then Thread-3 until 30.000 ms, then MainThread until 32.000 ms, and 2 more");
    const lane = Object.fromEntries(describeHit(m, { kind: "lock-wait", lockId: LOCK, ident: 3, startMs: 5, endMs: 25 })!.rows);
    expect(lane["held by"]).toBe("MainThread until 10.000 ms, then Thread-1 until 20.000 ms, then Thread-3");
  });

  it("says the same in Chinese", () => {
    const rows = Object.fromEntries(describeHit(m, { ...wait, endMs: 15 }, undefined, ZH_WORDS)!.rows);
    expect(rows["持有者"]).toBe("MainThread（到 10.000 ms），然后是 Thread-1");
  });
});

describe("a hold over which its holder turned its tracing off", () => {
  it("is known only until then: the card does not give the unrecorded release as its end", () => {
    // Scenario: Thread-1 takes the lock at 5, calls setTracing(false) at 6
    // (its release is not recorded), and its next recorded release is at 40.
    const m = runningThreads("MainThread", "Thread-1");
    m.add(2, 5, EventKind.LockAcquired, 0, LOCK);
    m.add(2, 6, EventKind.Tracing, 0, 0);
    m.add(2, 30, EventKind.Tracing, 1, 0);
    m.add(2, 40, EventKind.LockReleased, 0, LOCK);
    const hold = { kind: "hold", lockId: LOCK, ident: 2, index: 0, startMs: 5, endMs: 40, waitStartMs: Number.NaN } as const;
    const rows = Object.fromEntries(describeHit(m, hold)!.rows);
    expect(rows.to).toBe("not recorded after 6.000 ms");
    expect(rows.lasted).toBe("at least 1.000 ms");
    expect(m.untraced.spans).toEqual([{ ident: 2, from: 6, to: 30 }]);
  });
});

describe("a lock's hold card, where threads not holding it released it", () => {
  const GATE = objRef(ObjKind.Lock, 1);
  const hold = (startMs: number, endMs: number) => ({ kind: "hold", lockId: GATE, ident: 1, index: 0, startMs, endMs, waitStartMs: NaN }) as never;

  it("says, while the run goes on, that where such a release ended a hold is placed at the end, and once it is, that the release's stamp placed it", () => {
    const m = runningThreads("MainThread", "opener");
    m.add(1, 0, EventKind.LockAcquired, 0, GATE);
    m.add(2, 150, EventKind.LockReleased, 0, GATE);
    // A second hold, which its holder released itself.
    m.add(1, 200, EventKind.LockAcquired, 0, GATE);
    m.add(1, 210, EventKind.LockReleased, 0, GATE);
    expect(describeHit(m, hold(0, 150))!.rows).toContainEqual(["released by others", expect.stringContaining("placed when the run ends")]);
    checkHolds(m);
    expect(describeHit(m, hold(0, 150))!.rows).toContainEqual(["released by others", expect.stringContaining("placed where that release was stamped")]);
    expect(describeHit(m, hold(0, 150), undefined, ZH_WORDS)!.rows).toContainEqual(["被他人释放", expect.stringContaining("按那次释放记录的时间推定")]);
    const own = { kind: "hold", lockId: GATE, ident: 1, index: 1, startMs: 200, endMs: 210, waitStartMs: NaN } as never;
    expect(describeHit(m, own)!.rows.map(([label]) => label)).not.toContain("released by others");
  });

  it("says the holds are drawn as read where there were too many such releases to place", () => {
    // 2,000 holders and 3,000 forged releases: past what the page spends placing them (lock-releases.ts).
    const m = runningThreads(...Array.from({ length: 2000 }, (_, k) => (k === 0 ? "MainThread" : `Thread-${k}`)));
    for (let k = 1; k <= 2000; k++) m.add(k, k, EventKind.LockAcquired, 0, GATE);
    for (let r = 0; r < 3000; r++) m.add(1, 5000 + r, EventKind.LockReleased, 0, GATE);
    checkHolds(m);
    expect(describeHit(m, hold(1, 2))!.rows).toContainEqual(["released by others", expect.stringContaining("drawn as read")]);
    expect(describeHit(m, hold(1, 2), undefined, ZH_WORDS)!.rows).toContainEqual(["被他人释放", expect.stringContaining("按读到的样子绘制")]);
  });
});
