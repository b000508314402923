// A thread worker's life, as the runtime runs it: MainThread, each Thread,
// process, pool worker and Timer. A worker boots once (warm, before any
// run), may be told to prepare (compile the run's snippet body ahead of
// time), and is then told to serve one run: it runs the thread it is given,
// if any, then parks at its dock place (dock.ts) until a starter hands it
// the next thread of the run, and so on until the run ends. The runner then
// terminates it, or, at the end of a controlled run, closes its dock place:
// the worker lets go of the run, says whether it is as it booted
// (worker-hygiene.ts), and may be told to serve the next run of the same
// code (a search's next schedule). One thread's run is thread-run.ts's;
// what it runs comes through shared memory (spawn-payload.ts). What a thread is, and what ends
// a program, comes from the API (src/thread-worker.ts passes it in), so this
// layer never imports the API.
//
// It talks to the runner through the port of its serve message (protocol.ts,
// runner-link.ts), which no object the snippet can reach holds.

/// <reference lib="webworker" />
import type { RunContextInit, ToWorker, WorkerBooted } from "./protocol";
import { closePlace, leavePlace, park, REVIEW } from "./dock";
import { connectRunner, sendToRunner } from "./runner-link";
import { bodyFor, rehearseThreads, runThread, type ThreadParts } from "./thread-run";
import { onFreezing, releaseContext, workerNow, type WorkerContext } from "./worker-context";
import { armHygiene } from "./worker-hygiene";
import { bindTimersToThreads, dropTimersOf } from "./thread-timers";
import { bindHostCallsToThreads } from "./thread-host-calls";
import { armEventLoop } from "./thread-event-loop";
import { safely, UNPRINTABLE } from "./thrown";

type Hygiene = ReturnType<typeof armHygiene>;

/**
 * Runs thread `ident`, then lets what it left running run; false if the
 * worker may serve no more. Its own function, so that the serve loop,
 * whose frame lives on while the worker is parked, holds no reference to
 * the thread's context.
 */
async function serveThread(parts: ThreadParts, run: RunContextInit, ident: number, hygiene: { nextTask(): Promise<void>; later(fn: () => void): void }): Promise<boolean> {
  let ended: WorkerContext;
  try {
    ended = (await runThread(parts, run, ident)).ctx;
  } catch (error) {
    // The runtime itself failed around the thread (its memory, which the snippet can reach, overwritten): the
    // thread ends in error, so that its joiners and the run go on, and this worker, whose state is in doubt, serves no more.
    const t = workerNow() - run.epochMs;
    const message = `the runtime could not run this thread: ${safely(() => String((error as Error).message), UNPRINTABLE)} (did the snippet write over the runtime's memory?)`;
    sendToRunner({ type: "exception", errorName: "RuntimeError", message, stack: "", t });
    sendToRunner({ type: "exit", state: "error", t, exitCode: 1, broken: true });
    return false;
  }
  // What the thread left running (a promise chain it did not await) runs now, in a task of its own before
  // the worker parks, while the thread's own context is still this worker's: parked first, the chain would
  // go on inside the next thread this worker takes, printing as that thread and blocking it. (MainThread's
  // end ends the run: its worker takes no next thread in it, and the run's time is not held up.)
  if (ended.role === "main") return true;
  await hygiene.nextTask();
  // Timers the code it left running set in that task will not run either: the worker parks next, where none fires
  // (those it set while it lived were cleared and said at its end: thread-run.ts).
  ended.droppedTimers += dropTimersOf(ended);
  reportLate(ended, hygiene);
  return true;
}

/**
 * What code an ended thread left running did is on no lane (the thread's
 * rings are closed, and no other thread's may carry it), and its timers
 * that came due after the end were dropped (thread-timers.ts): said, once
 * its hop has run what was queued, or, if nothing came of it then (it
 * waits on a timer or the host), as soon as something does, from a task
 * of its own, so that the count takes in what it does in one go.
 */
function reportLate(ended: WorkerContext, hygiene: { later(fn: () => void): void }): void {
  const report = () => {
    const events = ended.ring.lateEvents, lines = ended.output.lateLines, timers = ended.droppedTimers, hostCalls = ended.droppedHostCalls;
    if (events > 0 || lines > 0 || timers > 0 || hostCalls > 0) sendToRunner({ type: "late", ident: ended.ident, events, lines, timers, hostCalls });
  };
  if (ended.ring.lateEvents > 0 || ended.output.lateLines > 0 || ended.droppedTimers > 0 || ended.droppedHostCalls > 0) return report();
  const soon = () => {
    ended.ring.onLate = ended.output.onLate = ended.onDropped = null;
    hygiene.later(report);
  };
  ended.ring.onLate = ended.output.onLate = ended.onDropped = soon;
}

/** Serves the run: the thread given, if any, then whatever the dock hands this worker. */
async function serve(parts: ThreadParts, hygiene: Hygiene, message: Extract<ToWorker, { type: "serve" }>): Promise<void> {
  connectRunner(message.port);
  const at = message.placeAt;
  // (Renewed at each run a docked worker serves: per-run state is kept by this object, door/objects.ts.)
  let run = message.run;
  hygiene.serving(message.reusable === true);
  try {
    bodyFor(run);
  } catch {
    // A body that does not compile fails again, visibly, in its thread.
  }
  const i32 = new Int32Array(run.heap);
  if (at >= i32.length) return;
  // Frozen by what an ended thread left running (control/scheduler.ts), this worker will not park again:
  // its place says so at once, so the runner neither hands it a thread nor waits for it to park at the run's end.
  onFreezing(() => {
    if (at >= 0) closePlace(i32, at);
  });
  let ident = message.ident ?? 0;
  let reviewed = false;
  /** a thread ran here since the worker last checked itself (one that ran none has nothing to check) */
  let ran = false;
  /** the thread it ran last (its place holds it until it parks again) */
  let last = 0;
  for (;;) {
    if (ident === 0) {
      if (at < 0) return;
      // Blocks this worker (nothing else of this run is left for it to do) until a starter hands it a thread.
      ident = park(i32, at, reviewed, last);
      reviewed = false;
      if (ident === REVIEW) {
        // The run is over, and the runner keeps this worker docked for the next run of the same code
        // (runner/docked-crew.ts), in the same memory: the check a kept worker makes before its next run, made
        // here, from a task of its own (what the run left queued as microtasks runs first), then park again.
        releaseContext();
        if (ran) {
          await hygiene.nextTask();
          if (parts.leftover() || !hygiene.clean()) {
            leavePlace(i32, at);
            sendToRunner({ type: "idle", clean: false });
            return;
          }
        }
        ran = false;
        reviewed = true;
        run = { ...run };
        ident = 0;
        continue;
      }
      if (ident === 0) {
        releaseContext();
        // From a task of its own: what the run left queued as microtasks runs first (and a chain that never
        // ends never lets this report go: the runner then gives up on the worker).
        hygiene.later(() => sendToRunner({ type: "idle", clean: !parts.leftover() && hygiene.clean() }));
        return;
      }
    }
    ran = true;
    last = ident;
    if (!(await serveThread(parts, run, ident, hygiene))) return;
    ident = 0;
  }
}

/**
 * How long a booted worker waits unserved before it rehearses (rehearsal.ts)
 * and records its hygiene fingerprint (worker-hygiene.ts): a worker a run
 * takes at once (a cold page's first, a run right after another) skips
 * both; one that waits in the pool has them done before its run: its
 * threads start warm, and a search's first schedule does not pay the
 * fingerprint.
 */
const IDLE_MS = 1000;

/** Installs the worker's message loop and says it has booted. */
export function serveThreads(parts: ThreadParts): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  let rehearsing: Promise<unknown> | null = null;
  scope.onmessage = (event: MessageEvent<ToWorker>) => {
    const message = event.data;
    switch (message.type) {
      case "prepare":
        try {
          bodyFor(message);
        } catch {
          // A body that does not compile fails again, visibly, at start.
        }
        break;
      case "serve":
        // (A rehearsal runs to its end within its own task, so none is under way here; if one ever were, the run waits.)
        if (rehearsing) void rehearsing.then(() => serve(parts, hygiene, message), () => serve(parts, hygiene, message));
        else void serve(parts, hygiene, message);
        break;
    }
  };
  // (Before anything is wrapped: the event loop's probe comes through a channel of the runtime's own.)
  armEventLoop();
  const hygiene = armHygiene(scope as unknown as Record<string, unknown>, parts.api);
  // (After the hygiene's wrap: its `later` and `nextTask`, the runtime's own, stay unbound.)
  bindTimersToThreads(scope);
  bindHostCallsToThreads(scope);
  hygiene.fingerprintWhenIdle(IDLE_MS, () => (rehearsing = rehearseThreads(parts).finally(() => (rehearsing = null))));
  scope.postMessage({ type: "booted" } satisfies WorkerBooted);
}
