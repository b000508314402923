// A controlled run's steps in words (API.md §10: StepView.next, the
// explorer's explanation): "read counter" with its line from the compiler's
// access site, "acquire lockA" with the object's name from the trace, and
// the line of an API call from the snippet position the scheduler took off
// the stack (runtime/control/scheduler.ts), mapped back to the TypeScript.

import type { CompileResult } from "../compile/types";
import { originalPosition } from "../compile/source-position";
import { ATOMIC_OPS, STEP_VERBS, StepKind, stepHasSite } from "../runtime/control/step-kinds";
import { MAX_STEPS } from "../runtime/control/control-memory";
import { isUserObject, objectName } from "../trace/names";
import type { TraceModel } from "../trace/model";
import { threadName } from "../trace/names";

export interface StepWords {
  /** what the step does: "read counter", "acquire lockA", "print" */
  text: string;
  /** its TypeScript line, when known */
  line?: number;
  /** the variable or object it touches, when it touches one */
  target?: string;
}

export type DescribeStep = (kind: number, arg: number, pos: number) => StepWords;

/** `offset`: the lines V8 puts before the compiled body (traceback.ts headerLines). */
export function stepDescriber(compiled: CompileResult, model: TraceModel, offset: number): DescribeStep {
  return (kind, arg, pos) => {
    const verb = STEP_VERBS[kind] ?? "step";
    if (stepHasSite(kind)) {
      const site = compiled.sites[arg];
      return site ? { text: `${verb} ${site.text}`, line: site.line, target: site.text } : { text: verb };
    }
    const position = pos > 0 ? originalPosition(compiled, Math.floor(pos / 4096) - offset, pos % 4096) : null;
    const line = position?.line;
    if (kind === StepKind.Atomic) return { text: `Atomics.${ATOMIC_OPS[arg] ?? "operation"}`, ...(line ? { line } : {}) };
    const hasObject = arg !== 0 && kind !== StepKind.Start && kind !== StepKind.Sleep && kind !== StepKind.Print;
    if (!hasObject) return { text: verb, ...(line ? { line } : {}) };
    const target = objectName(model, arg);
    return { text: `${verb} ${target}`, target, ...(line ? { line } : {}) };
  };
}

/** The locks held now, by whom: the holds the trace has open (a paused run's are). */
export function openHolds(model: TraceModel): { lock: string; thread: string }[] {
  const held: { lock: string; thread: string }[] = [];
  for (const lock of model.locks.values()) {
    for (const [ident, list] of lock.holds) if (list.isOpen()) held.push({ lock: objectName(model, lock.id), thread: threadName(model, ident) });
  }
  return held;
}

/**
 * How many items each of the snippet's queues holds now (its depth after
 * the latest put or get) and, where the run recorded its items (a
 * controlled run: api/queue-items.ts), which, oldest first: its puts and
 * gets replayed in time order, a get taking out the first item shown as
 * it took (in a LIFO or priority queue that is not the oldest).
 */
export function queueSizes(model: TraceModel): { queue: string; items: number; contents?: string[] }[] {
  return [...model.queues.values()].filter((q) => isUserObject(model, q.id)).map((q) => {
    const moves = q.itemMoves;
    const contents = moves ? contentsOf(model, moves) : undefined;
    return { queue: objectName(model, q.id), items: q.depth, ...(contents ? { contents } : {}) };
  });
}

/**
 * The most moves replayed for the panel: a controlled run takes at most
 * MAX_STEPS steps, one move each; past that the events are not a
 * controlled run's own (memory a snippet wrote), and the replay, quadratic
 * at worst, is not done.
 */
const MAX_MOVES = MAX_STEPS;

function contentsOf(model: TraceModel, moves: number[]): string[] | undefined {
  if (moves.length / 3 > MAX_MOVES) return undefined;
  const order = Array.from({ length: moves.length / 3 }, (_, i) => i).sort((a, b) => moves[3 * a] - moves[3 * b] || a - b);
  const items: string[] = [];
  for (const i of order) {
    const text = objectName(model, moves[3 * i + 2]);
    if (moves[3 * i + 1] === 1) {
      items.push(text);
    } else {
      const at = items.indexOf(text);
      items.splice(at >= 0 ? at : 0, 1);
    }
  }
  return items;
}
