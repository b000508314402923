// A thread's timers end with it (thread-timers.ts): a real thread context
// over a run's real memory, and a scope whose timers the test fires.
import { afterEach, describe, expect, it } from "vitest";
import { SharedHeap } from "../sync/heap";
import { DEFAULT_SETTINGS } from "./settings";
import { createRunMemory } from "./runner/run-memory";
import { createContext, releaseContext } from "./worker-context";
import { bindTimersToThreads } from "./thread-timers";

/** A global scope whose setTimeout and setInterval keep their callbacks for the test to fire. */
function aScope() {
  const due = new Map<number, { fn: (...a: unknown[]) => unknown; args: unknown[] }>();
  let next = 1;
  const cleared: number[] = [];
  const scope = {
    setTimeout: (fn: (...a: unknown[]) => unknown, _ms: number, ...args: unknown[]) => (due.set(next, { fn, args }), next++),
    setInterval: (fn: (...a: unknown[]) => unknown, _ms: number, ...args: unknown[]) => (due.set(next, { fn, args }), next++),
    clearTimeout: (id: number) => cleared.push(id),
    clearInterval: (id: number) => cleared.push(id),
  };
  bindTimersToThreads(scope);
  const fire = (id: number) => due.get(id)!.fn(...due.get(id)!.args);
  return { scope: scope as unknown as { setTimeout(fn: unknown, ms: number, ...args: unknown[]): number; setInterval(fn: unknown, ms: number): number }, fire, cleared };
}

function aThread() {
  const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 22), userHeap: SharedHeap.create(1 << 20) });
  return createContext(memory.context, memory.main);
}

afterEach(() => releaseContext());

describe("bindTimersToThreads", () => {
  it("runs a timer while its thread lives, with its arguments", () => {
    const { scope, fire } = aScope();
    aThread();
    const seen: unknown[] = [];
    const id = scope.setTimeout((a: unknown, b: unknown) => seen.push(a, b), 5, "x", 2);
    fire(id);
    expect(seen).toEqual(["x", 2]);
  });

  it("drops a timer that comes due after its thread ended, counts it, says so once, and clears an interval", () => {
    const { scope, fire, cleared } = aScope();
    const thread = aThread();
    let said = 0;
    let ran = 0;
    const once = scope.setTimeout(() => ran++, 20);
    const every = scope.setInterval(() => ran++, 20);
    thread.end();
    thread.onDropped = () => said++;
    fire(once);
    fire(every);
    expect(ran).toBe(0);
    expect(thread.droppedTimers).toBe(2);
    expect(said).toBe(1);
    expect(cleared).toContain(every);
  });

  it("binds a timer given a string of code too", () => {
    const { scope, fire } = aScope();
    const thread = aThread();
    const g = globalThis as unknown as { timerRan?: number };
    g.timerRan = 0;
    const id = scope.setTimeout("globalThis.timerRan += 1", 0);
    fire(id);
    expect(g.timerRan).toBe(1);
    const late = scope.setTimeout("globalThis.timerRan += 1", 0);
    thread.end();
    fire(late);
    expect(g.timerRan).toBe(1);
    expect(thread.droppedTimers).toBe(1);
    delete g.timerRan;
  });

  it("leaves a timer set outside any thread (the runtime's own) unbound", () => {
    const { scope, fire } = aScope();
    let ran = 0;
    const id = scope.setTimeout(() => ran++, 0);
    fire(id);
    expect(ran).toBe(1);
  });
});
