// A thread worker's rehearsal: once a booted worker has sat idle (a pool's
// worker waiting for a run), it runs a small program of its own through the
// very code a run's threads take (MainThread's module, a Lock, print, a
// Thread's start(), then that thread in this worker: its payload, its host,
// its target), on scratch memory that nothing else holds, with no runner
// listening.
//
// Why: a run's threads run on freshly booted workers (a run's workers are
// terminated at its end), and V8 compiles each function at its first call
// and learns its types over its first few. A thread's first start() on a
// fresh worker took 2 to 5 ms, where a worker that had run threads before
// took 0.1 to 0.3 ms; MainThread's first print waited the same way.
//
// What it must never do: block (the program's thread is a daemon nobody
// joins, and nobody drains its rings: a few events fit), call anything
// that leaves work for later (worker-hygiene.ts would taint the worker), or
// leave anything a run could see (its memory is its own and dropped; the
// worker's context is released). The hygiene fingerprint is taken after it,
// and a worker whose rehearsal failed takes none, so it is never reused.

import { createRunMemory } from "./runner/run-memory";
import { SharedHeap } from "../sync/heap";
import { DEFAULT_SETTINGS } from "./settings";
import { Field } from "./thread-table";
import { releaseContext } from "./worker-context";
import type { RunContextInit } from "./protocol";

/**
 * The compiled form (compile/compile.ts, with ticks) of:
 *
 *   import { Thread, Lock, print } from "playground";
 *   const lock = new Lock();
 *   let n = 0;
 *   function work() { lock.acquire(); n += 1; lock.release(); print("rehearsed", n); }
 *   const t = new Thread({ target: work, daemon: true });
 *   t.start();
 *
 * Kept compiled because a worker has no compiler; src/thread-parts.test.ts
 * checks it against the compiler, so it cannot drift from what runs run.
 */
export const REHEARSAL_SOURCE = `import { Thread, Lock, print } from "playground";
const lock = new Lock();
let n = 0;
function work() { lock.acquire(); n += 1; lock.release(); print("rehearsed", n); }
const t = new Thread({ target: work, daemon: true });
t.start();
`;

export const REHEARSAL_JS = `"use strict";
const __pg_g = __pg.g;
const __pg_ctl = __pg.ctl;
__pg.bindModule({
    snapshot: () => {
        const __pg_o = Object.create(null);
        try {
            __pg_o.lock = lock;
        }
        catch { }
        try {
            __pg_o.t = t;
        }
        catch { }
        return __pg_o;
    },
    evalInScope: __pg_src => eval(__pg_src)
});
const __pg_s = __pg.isMain ? null : __pg.snapshot;
const { Thread, Lock, print } = __pg.api;
const lock = __pg.isMain ? __pg.name(new Lock(), "lock") : __pg_s.lock;
if (__pg.isMain)
    __pg_g[0] = 0;
function work() { if (__pg_ctl[0] !== 0)
    __pg.tick(); lock.acquire(); __pg_g[0] += 1; lock.release(); print("rehearsed", __pg_g[0]); }
const t = __pg.isMain ? __pg.name(new Thread({ target: work, daemon: true }), "t") : __pg_s.t;
if (__pg.isMain) {
    t.start();
}
`;

/** the program's shared globals (n) */
const REHEARSAL_GLOBALS = 1;
/** each scratch heap: the table, two threads' rings and the program's few words */
const SCRATCH_BYTES = 4 << 20;

export type RunThread = (run: RunContextInit, ident: number) => Promise<unknown>;

/**
 * Runs the program: MainThread, then the thread it started, both here.
 * Resolves with the program's `n` (1 when the thread ran its target), or
 * rejects if anything failed; the worker's context is released either way.
 */
export async function rehearse(runThread: RunThread): Promise<number> {
  const heaps = { heap: SharedHeap.create(SCRATCH_BYTES), userHeap: SharedHeap.create(SCRATCH_BYTES) };
  const memory = createRunMemory(0, REHEARSAL_JS, DEFAULT_SETTINGS, REHEARSAL_GLOBALS, heaps);
  try {
    await runThread(memory.context, memory.main);
    // No worker was parked for the thread (start() asked the runner, which is not listening): it runs here.
    const started = memory.table.aliveIdents().filter((ident) => ident !== memory.main);
    if (started.length !== 1) throw new Error(`the rehearsal started ${started.length} threads, not 1`);
    await runThread(memory.context, started[0]);
    // runThread reports a thread's error (to no one, here) and returns: what the program did is the proof it ran through.
    const n = new Float64Array(memory.userHeap.buffer, memory.table.get(memory.main, Field.GlobalsOffset), 1)[0];
    if (n !== 1) throw new Error(`the rehearsal's thread did not run through (n is ${n})`);
    return n;
  } finally {
    releaseContext();
  }
}
