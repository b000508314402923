// Searches over the test scenario (test-scenario.ts): Lock 9 is held by
// MainThread 15-32 and by Thread-1 33-34; Thread-1 waits for it 20-33.
import { describe, expect, it } from "vitest";
import { matchesTerms, queryTerms, searchTrace } from "./search";
import { LOCK_9, QUEUE_7, scenario } from "./test-scenario";
import { ZH_WORDS } from "./words";

describe("searchTrace", () => {
  it('"acquire Lock 9" lists every hold of the lock, earliest first', () => {
    const r = searchTrace(scenario(), "acquire lock 9", 90);
    expect(r.matches.map((m) => [m.lane, m.laneId, m.startMs, m.endMs])).toEqual([
      ["lock", LOCK_9, 15, 32],
      ["lock", LOCK_9, 33, 34],
    ]);
    expect(r.total).toBe(2);
  });

  it("finds a thread's blocked bar by thread and state", () => {
    const r = searchTrace(scenario(), "Thread-1 blocked", 90);
    expect(r.matches).toEqual([{ lane: "thread", laneId: 2, ident: 2, startMs: 20, endMs: 33 }]);
  });

  it("finds queue operations by kind and queue", () => {
    const r = searchTrace(scenario(), "get Queue", 90);
    expect(r.matches.filter((m) => m.laneId === QUEUE_7).map((m) => m.startMs)).toEqual([40, 50]);
  });

  it("takes English words while the page speaks Chinese", () => {
    expect(searchTrace(scenario(), "sleeping", 90, ZH_WORDS).total).toBe(1);
  });

  it("finds a thread whose name has a character the canvas escapes, by the name as drawn", () => {
    const model = scenario();
    model.renameThread(2, "evil\u202egnp");
    expect(searchTrace(model, "evil\\u202egnp blocked", 90).matches).toEqual([{ lane: "thread", laneId: 2, ident: 2, startMs: 20, endMs: 33 }]);
  });

  it("an empty query finds nothing", () => {
    expect(searchTrace(scenario(), "   ", 90).total).toBe(0);
  });
});

describe("matchesTerms", () => {
  it("a name ending in a digit matches whole words only", () => {
    expect(matchesTerms(["thread-12"], queryTerms("Thread-1"))).toBe(false);
    expect(matchesTerms(["thread-12", "blocked"], queryTerms("block"))).toBe(true);
  });
});
