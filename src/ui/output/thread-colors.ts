// A colour per thread name: MainThread has its own, numbered names
// (Thread-3, PoolWorker-2) step through the palette so neighbours differ,
// and any other name is hashed, so a thread keeps its colour from run to
// run. Within one run, a thread whose colour another thread of the run
// already has takes the next free one, so that a run's first eight threads
// never share one (the rwlock lesson's "writer" had "reader-4"'s). Which of
// two such threads keeps the colour is whichever the page shows first (a
// line it printed, or its lane), so from run to run the two may swap; a
// thread whose colour no other thread wants keeps it in every run. The
// palette starts afresh as each run begins (resetThreadColors, called by
// run-controller.ts). The colours are CSS classes (tc-0 … tc-7) so light
// and dark themes can each tune them.

export const THREAD_COLOR_COUNT = 8;
const OTHERS = THREAD_COLOR_COUNT - 1;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The colour a name has when no other thread of its run has it. */
export function preferredColorIndex(name: string): number {
  if (name === "MainThread") return 0;
  const numbered = /^(.*?)-?(\d+)$/.exec(name);
  if (numbered) {
    // Offset by the prefix so Thread-1 and Process-1 do not share a colour.
    const offset = hash(numbered[1]) % OTHERS;
    return 1 + ((Number(numbered[2]) - 1 + offset) % OTHERS);
  }
  return 1 + (hash(name) % OTHERS);
}

/** colours given in this run, by name: at most one name per colour (so at most THREAD_COLOR_COUNT entries) */
const given = new Map<string, number>();
const taken = new Set<number>([0]);

export function threadColorIndex(name: string): number {
  const known = given.get(name);
  if (known !== undefined) return known;
  const preferred = preferredColorIndex(name);
  // Once every colour is given, later names keep their own: a name then always gets the same answer.
  // (No name, a thread not known yet, takes none.)
  if (preferred === 0 || name === "" || taken.size === THREAD_COLOR_COUNT) return preferred;
  let index = preferred;
  for (let step = 1; taken.has(index) && step < OTHERS; step++) index = 1 + ((preferred - 1 + step) % OTHERS);
  given.set(name, index);
  taken.add(index);
  return index;
}

/** A run begins: its threads take colours afresh. */
export function resetThreadColors(): void {
  given.clear();
  taken.clear();
  taken.add(0);
}

export function threadColorClass(name: string): string {
  return `tc-${threadColorIndex(name)}`;
}
