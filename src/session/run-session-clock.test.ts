// The page's reading of a run's clock (run-session.ts, now()): read through
// the runner's own stamps, the least lead of the page's clock over them, and
// never against the run's epoch, which is on the threads' clock (the page's
// can be tens of ms off it). So it is never ahead of the run, whatever the
// page's clock reads. (Events' times play no part: the snippet can forge them.)
import { afterEach, describe, expect, it, vi } from "vitest";
import { compile } from "../compile/compile";
import { RunSession } from "./run-session";

afterEach(() => vi.restoreAllMocks());

/** The page's performance.now() reads what is set (timeOrigin stays). */
function pageClock(): { set(ms: number): void } {
  let ms = 0;
  vi.spyOn(performance, "now").mockImplementation(() => ms);
  return { set: (v) => (ms = v) };
}

function session(): RunSession {
  return new RunSession(1, compile('import { print } from "playground"; print(1);', { ticks: true }), {}, () => {});
}

const chunk = (seq: number) => ({ seq, threads: [], events: [], output: [], ended: [] });

describe("the page's reading of a run's clock", () => {
  it("follows the runner's stamps, and is never ahead of them, whatever the page's own clock reads", () => {
    const clock = pageClock();
    const s = session();
    clock.set(1000);
    s.handle({ type: "started", runId: 1 });
    expect(s.now()).toBe(0);
    clock.set(1020);
    s.handle({ type: "chunk", runId: 1, chunk: chunk(0), sentMs: 30 });
    // The chunk left at run time 30 and came at page time 1020: the run is at 30 now at least.
    expect(s.now()).toBe(30);
    clock.set(1100);
    // A slower message tells nothing new: the page's reading goes on at its own pace.
    s.handle({ type: "chunk", runId: 1, chunk: chunk(1), sentMs: 60 });
    expect(s.now()).toBe(110);
  });
});
