// Before the runner says "Deadlock", the kernel is asked whether the
// threads it names really sleep where the thread table says they wait.
// Every word the watch reads (deadlock-scan.ts) is memory the snippet can
// write: two threads looping while their table entries name each other's
// locks looked, to two scans, exactly like a deadlock, and the playground
// said so in its own voice. Atomics.notify answers with the number of
// agents it woke, which only threads really asleep in Atomics.wait on that
// word make up, so for each object the verdict names, the runner wakes its
// sleepers and needs at least as many as the table has waiting on it.
//
// Waking them is harmless: every wait in the playground is a loop that
// checks its condition again and, still stuck, sleeps again at once.
//
// Where a kind's waiters sleep (Int32 words from the object's base): a Lock
// or RLock on its mutex word; an RWLock's readers and writers on their two
// gates; a Semaphore on its value; an Event on its flag or generation; a
// Barrier on its sequence; a Queue on notEmpty, notFull and unfinished; a
// join on the joined thread's lifecycle word in the thread table. A
// Condition's waiters sleep on nodes of their own, out of reach: a verdict
// about one is taken as the two scans gave it. A controlled run's threads
// sleep on the scheduler's words instead, so it is not asked there.
//
// What it does not catch: the object's address is the table's word too, so
// a forgery that points each edge at words where some other thread really
// sleeps (one real sleeper per forged edge) still passes. The runner does
// not learn where objects lie (telling it would cost a message per object).

import { Field, type ThreadTable } from "../thread-table";
import type { ThreadWait } from "../deadlock-watch";
import { kindOf, ObjKind, ordinalOf } from "../../trace/object-kinds";

const SLEEP_WORDS: Partial<Record<ObjKind, readonly number[]>> = {
  [ObjKind.Lock]: [0],
  [ObjKind.RLock]: [0],
  [ObjKind.RWLock]: [4, 5],
  [ObjKind.Semaphore]: [0],
  [ObjKind.BoundedSemaphore]: [0],
  [ObjKind.Event]: [0, 1],
  [ObjKind.Barrier]: [1],
  [ObjKind.Queue]: [2, 3, 5],
  [ObjKind.LifoQueue]: [2, 3, 5],
  [ObjKind.PriorityQueue]: [2, 3, 5],
};

/** The words a waiter on `wait.obj` sleeps on; null when the kind's are out of reach (then it is not asked). */
function sleepWords(table: ThreadTable, wait: ThreadWait, inHeap: (word: number) => boolean): number[] | null {
  if (kindOf(wait.obj) === ObjKind.Thread) {
    const joined = ordinalOf(wait.obj);
    return joined > 0 && table.holdsSlot(joined) ? [table.at(joined, Field.Lifecycle)] : [];
  }
  const offsets = SLEEP_WORDS[kindOf(wait.obj)];
  if (!offsets) return null;
  return offsets.map((k) => wait.addr + k).filter(inHeap);
}

/**
 * Whether the threads of a verdict sleep where the table says they wait:
 * for each object they name, at least as many sleepers wake as live
 * threads the table has waiting on it (`waits`: every live thread's).
 */
export function sleepersConfirm(table: ThreadTable, tableEndWord: number, waits: readonly ThreadWait[], involved: readonly ThreadWait[]): boolean {
  const i32 = table.i32;
  const inHeap = (word: number) => Number.isInteger(word) && word >= tableEndWord && word < i32.length;
  const asked = new Set<number>();
  for (const wait of involved) {
    if (wait.obj === 0 || asked.has(wait.obj)) continue;
    asked.add(wait.obj);
    const words = sleepWords(table, wait, inHeap);
    if (words === null) continue;
    const claimed = waits.filter((w) => w.obj === wait.obj).length;
    let woken = 0;
    for (const word of words) woken += Atomics.notify(i32, word, Infinity);
    if (woken < claimed) return false;
  }
  return true;
}
