// What the timeline, its tooltips, stats and the exported trace call things.
// One place, so a lane, a tooltip and Perfetto's track say the same name,
// and nothing here guesses: an object's kind is in its ref
// (object-kinds.ts), its name is the one the snippet gave it (the top-level
// variable it was first assigned to) or Python's default ("Lock 3"), and a
// runtime-made object (a pool's task queue) is named after its owner.
//
// Python's names (MainThread, Lock 3, Pool 1) and the snippet's names stay as
// they are in every language; the few words around them (a state, "join",
// a pool queue's role) come from NameWords, so the timeline can draw them in
// the page's language. The default is English, which is what the exported
// trace and the run's result use.

import { THREAD_STATE_NAMES, ThreadState } from "./events";
import type { TraceModel } from "./model";
import { defaultName, kindInfo, kindOf, ObjKind, ordinalOf, SCHEDULER_TURN_REF } from "./object-kinds";

/** The words the names below put around Python's names. */
export interface NameWords {
  /** a thread state, by ThreadState */
  states: Record<ThreadState, string>;
  /** a wait on a thread: "join Thread-2" */
  joined(thread: string): string;
  /** a pool's own queue, by the role the runtime gave it: "Pool 1 tasks" */
  ownedBy(owner: string, role: string): string;
  /** a pool task's box: "task #3" */
  task(index: number): string;
  /** a chunk of map's box: "items 4–7" (`count` items from `first`); the export names it alike */
  chunk(first: number, count: number): string;
  /** what a controlled run's thread waits on while another has the scheduler's baton */
  schedulerTurn: string;
}

export const EN_NAME_WORDS: NameWords = {
  states: Object.fromEntries(THREAD_STATE_NAMES.map((name, state) => [state, name])) as Record<ThreadState, string>,
  joined: (thread) => `join ${thread}`,
  ownedBy: (owner, role) => `${owner} ${role}`,
  task: (index) => `task #${index}`,
  chunk: (first, count) => (count === 1 ? `item ${first}` : `items ${first}–${first + count - 1}`),
  schedulerTurn: "scheduler's turn",
};

/** Python's names: the main process is MainProcess; a process is named after its first thread (Process-1, PoolWorker-2). */
export function processName(model: TraceModel, pid: number): string {
  let starter: string | null = null;
  let starterIdent = Infinity;
  for (const track of model.threads.values()) {
    if (track.pid !== pid) continue;
    if (track.kind === "main") return "MainProcess";
    if ((track.kind === "process" || track.kind === "pool-worker") && track.ident < starterIdent) {
      starter = track.name;
      starterIdent = track.ident;
    }
  }
  return starter ?? `Process ${pid}`;
}

export function threadName(model: TraceModel, ident: number): string {
  return model.threads.get(ident)?.name ?? `thread ${ident}`;
}

/** An object's name: the snippet's, else its owner's with its role, else Python's default ("Lock 3"). */
export function objectName(model: TraceModel, ref: number, words: NameWords = EN_NAME_WORDS): string {
  if (kindOf(ref) === ObjKind.Thread) return threadName(model, ordinalOf(ref));
  const name = model.labels.get(ref);
  const owner = model.owners.get(ref);
  if (owner !== undefined && owner !== ref) return words.ownedBy(objectName(model, owner, words), name ?? kindInfo(kindOf(ref)).name);
  // Two objects made where one variable was assigned (in a loop, a function called twice) are told apart: "lock (Lock 3)".
  if (name !== undefined && model.nameShared(ref)) return `${name} (${defaultName(ref)})`;
  return name ?? defaultName(ref);
}

/** Whether the snippet made the object (not the runtime for itself: a pool's queues, labels, tasks). */
export function isUserObject(model: TraceModel, ref: number): boolean {
  return !kindInfo(kindOf(ref)).internal && !model.owners.has(ref);
}

export function stateName(state: number, words: NameWords = EN_NAME_WORDS): string {
  return words.states[state as ThreadState] ?? `state ${state}`;
}

/** What a state waits on, by name: "lockA", "Queue 7", "join Thread-2", or "" when nothing. */
export function waitTargetName(model: TraceModel, obj: number, words: NameWords = EN_NAME_WORDS): string {
  if (obj === 0) return "";
  if (kindOf(obj) === ObjKind.Thread) return words.joined(threadName(model, ordinalOf(obj)));
  if (obj === SCHEDULER_TURN_REF) return words.schedulerTurn;
  return objectName(model, obj, words);
}

/** A mark's, span's or task's text (label refs are named by their text). */
export function labelText(model: TraceModel, ref: number): string {
  return model.labels.get(ref) ?? defaultName(ref);
}
