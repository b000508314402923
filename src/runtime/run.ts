// One run, as the page supervises it: it owns the shared heap, hands the
// run's threads to workers, collects what they print, drains their trace
// rings once per animation frame, and ends the run — when MainThread has
// finished (it waits for non-daemon threads itself, as Python does), when an
// error ends it, on Stop, or on a timeout — by terminating every worker it
// started. The page never blocks and never runs the snippet.

import type { CompileResult } from "../compile/types";
import type { FromWorker, RunContextInit, SpawnPayload, ToWorker } from "./protocol";
import type { RunListener } from "./runtime-api";
import type { OutputLine, RunErrorInfo, RunResult, RunSettings, RunStatus } from "./types";
import { SharedHeap } from "../sync/heap";
import { CONTROL_WORDS, Ctl, ENTRY_WORDS, Field, MAIN_PID, TERMINATED_EXIT_CODE, ThreadTable } from "./thread-table";
import { RingReader } from "../trace/ring";
import { OutputReader } from "./output-ring";
import { provisionThread } from "./provision";
import { TraceModel } from "../trace/model";
import { ThreadState } from "../trace/events";
import { WarmPool } from "./warm-pool";
import { formatTraceback, snippetFrames } from "./traceback";
import { DeadlockWatch, type ThreadWait } from "./deadlock-watch";
import { WaitKind } from "./wait-kinds";
import { Lock as LockCore } from "../sync/lock";
import { RLock as RLockCore } from "../sync/rlock";
import { Gil } from "../sync/gil";

const HEAP_BYTES = 64 << 20;
/** two scans must agree, so a deadlock is reported within about 2x this */
const DEADLOCK_SCAN_MS = 300;
const TABLE_CAPACITY = 1024;
/** lines drained per thread per frame: bounds the page's work in a print flood */
const OUTPUT_LINES_PER_FRAME = 2000;
/** lines kept for the result and the UI; later ones are counted, not kept */
const MAX_OUTPUT_LINES = 100_000;
export const DEFAULT_MAX_THREADS = 64;
/** CPython's sys.getswitchinterval(): 5 ms */
export const DEFAULT_SWITCH_INTERVAL_MS = 5;

let nextRunId = 1;

export class Run {
  readonly runId = nextRunId++;
  readonly model = new TraceModel();
  readonly output: OutputLine[] = [];
  readonly errors: RunErrorInfo[] = [];
  readonly result: Promise<RunResult>;
  private resolve!: (result: RunResult) => void;
  private readonly table: ThreadTable;
  private readonly context: RunContextInit;
  private readonly workers = new Map<number, Worker>();
  private readonly finishedWorkers: Worker[] = [];
  private readonly terminatedPids = new Set<number>();
  private readonly readers = new Map<number, { trace: RingReader; output: OutputReader; name: string }>();
  private readonly pendingOutput: OutputLine[] = [];
  private readonly pendingReports: Promise<void>[] = [];
  private ended = false;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private exitCode = 0;
  private readonly clock: Worker;
  private omittedLines = 0;
  /** events and lines after this time (the end of the run) are ignored */
  private cutoffMs = Infinity;
  private backgroundDrain: ReturnType<typeof setInterval> | undefined;
  private deadlockScan: ReturnType<typeof setInterval> | undefined;
  private readonly deadlockWatch = new DeadlockWatch();
  private deadlock: RunResult["deadlock"];

  constructor(
    private readonly compiled: CompileResult,
    settings: RunSettings,
    private readonly pool: WarmPool,
    private readonly listener: RunListener,
    timeoutMs?: number,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    const heap = SharedHeap.create(HEAP_BYTES);
    const control = heap.alloc(CONTROL_WORDS + TABLE_CAPACITY * ENTRY_WORDS, 2);
    const maxThreads = Math.max(1, Math.floor(settings.maxThreads ?? compiled.pragmas.maxThreads ?? DEFAULT_MAX_THREADS));
    this.table = ThreadTable.init(heap.i32, control, control + CONTROL_WORDS, TABLE_CAPACITY, maxThreads + 1);
    this.context = { runId: this.runId, heap: heap.buffer, controlIndex: control, epochMs: performance.timeOrigin + performance.now(), js: compiled.js };

    const globalsCount = Math.max(1, compiled.sharedGlobals.length);
    const main = this.table.reserve("MainThread", "main", false, MAIN_PID, 0);
    const mainGil = heap.alloc(Gil.WORDS);
    provisionThread(heap, this.table, main, heap.allocFloat64(globalsCount), globalsCount, mainGil);
    // The snippet's own pragma wins over the toolbar: the code says what it needs.
    const gil = compiled.pragmas.gil ?? settings.gil ?? false;
    const switchIntervalMs = compiled.pragmas.switchIntervalMs ?? settings.switchIntervalMs ?? DEFAULT_SWITCH_INTERVAL_MS;
    new Gil(heap.i32, mainGil).setEnabled(gil);
    Atomics.store(heap.i32, control + Ctl.SwitchIntervalUs, Math.max(1, Math.round(switchIntervalMs * 1000)));

    this.clock = new Worker(new URL("./clock-worker.ts", import.meta.url), { type: "module", name: "playground-clock" });
    this.clock.postMessage({ heap: heap.buffer, clockIndex: this.table.clockIndex(), runStateIndex: control + Ctl.RunState, epochMs: this.context.epochMs });
    this.pool.prepare(this.context);
    this.listener.onTraceStart?.(this.model, () => this.now());
    this.spawn({ ident: main, role: "main", name: "MainThread", globalsByteOffset: 0, globalsCount: 0, target: null, args: [], self: null, snapshot: {} });
    if (timeoutMs !== undefined && timeoutMs > 0) this.timer = setTimeout(() => this.end("timeout"), timeoutMs);
    this.frame = requestAnimationFrame(this.onFrame);
    // rAF stops in hidden tabs; output rings must still drain, or print waits.
    this.backgroundDrain = setInterval(() => this.flush(), 100);
    this.deadlockScan = setInterval(() => this.scanForDeadlock(), DEADLOCK_SCAN_MS);
  }

  /** ms since the run started, on the workers' clock */
  now(): number {
    return performance.timeOrigin + performance.now() - this.context.epochMs;
  }

  stop(): void {
    this.end("stopped");
  }

  private spawn(spawn: SpawnPayload): void {
    if (this.terminatedPids.has(this.table.get(spawn.ident, Field.Pid))) {
      this.table.finish(spawn.ident);
      return;
    }
    const worker = this.finishedWorkers.pop() ?? this.pool.take();
    this.workers.set(spawn.ident, worker);
    this.model.addThread(spawn.ident, spawn.name, spawn.role, this.table.get(spawn.ident, Field.Pid));
    const i32 = new Int32Array(this.context.heap);
    this.readers.set(spawn.ident, {
      trace: new RingReader(i32, this.table.get(spawn.ident, Field.RingBase)),
      output: new OutputReader(i32, this.table.get(spawn.ident, Field.OutputBase)),
      name: spawn.name,
    });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.onCrash(spawn.ident, event.message || "the worker crashed (out of memory?)");
    };
    const message: ToWorker = { type: "start", run: this.context, spawn };
    worker.postMessage(message);
    this.listener.onThreadsChanged?.();
  }

  private onMessage(message: FromWorker): void {
    if (this.ended || !("runId" in message) || message.runId !== this.runId) return;
    switch (message.type) {
      case "spawn":
        this.spawn(message.spawn);
        break;
      case "label":
        this.model.labels.set(message.id, message.text);
        break;
      case "exception":
        this.pendingReports.push(this.reportException(message));
        break;
      case "exit":
        if (message.ident === 1) this.exitCode = message.exitCode;
        this.onExit(message.ident, message.state, message.t);
        break;
      case "terminate":
        this.terminateProcess(message.pid);
        break;
      case "os-exit":
        this.exitCode = message.exitCode;
        void this.end("ok");
        break;
    }
  }

  private async reportException(message: Extract<FromWorker, { type: "exception" }>): Promise<void> {
    const thread = this.table.name(message.ident);
    const frames = await snippetFrames(message.stack, this.compiled);
    const text = formatTraceback(thread, message.errorName, message.message, frames);
    this.errors.push({ thread, message: `${message.errorName}: ${message.message}`, line: frames[0]?.line, column: frames[0]?.column });
    this.addOutput({ thread, text, t: message.t, stream: "stderr" });
  }

  private onExit(ident: number, state: "done" | "error", tMs: number): void {
    this.drain(ident);
    // The exit message is the authority on how a thread ended: its last
    // state event may have been dropped from a full ring.
    this.model.finish(ident, tMs, state === "done" ? ThreadState.Done : ThreadState.Error);
    // The worker may run another thread of this run: same snippet, already
    // compiled, so a program that starts threads one after another pays for
    // worker boots only once. Nothing crosses into another run.
    const worker = this.workers.get(ident);
    if (worker) this.finishedWorkers.push(worker);
    this.workers.delete(ident);
    this.listener.onThreadsChanged?.();
    if (ident === 1) this.end(state === "done" ? "ok" : "error");
  }

  private onCrash(ident: number, reason: string): void {
    if (this.ended) return;
    const thread = this.table.name(ident);
    this.errors.push({ thread, message: `WorkerError: ${reason}` });
    this.addOutput({ thread, text: `Exception in thread ${thread}: WorkerError: ${reason}`, t: this.now(), stream: "stderr" });
    this.drain(ident);
    this.model.finish(ident, this.now(), ThreadState.Error);
    this.table.finish(ident);
    this.workers.get(ident)?.terminate();
    this.workers.delete(ident);
    if (ident === 1) this.end("error");
  }

  /** Lines arrive per worker; keep `output` in time order across workers. */
  /** SIGTERM, as the page can give it: end the worker of every thread of `pid`. */
  private terminateProcess(pid: number): void {
    this.terminatedPids.add(pid);
    for (const [ident, worker] of this.workers) {
      if (this.table.get(ident, Field.Pid) !== pid) continue;
      worker.terminate();
      this.workers.delete(ident);
      this.drain(ident);
      this.model.finish(ident, this.now(), ThreadState.Stopped);
      this.table.set(ident, Field.ExitCode, TERMINATED_EXIT_CODE);
      this.table.finish(ident);
    }
    this.listener.onThreadsChanged?.();
  }

  private scanForDeadlock(): void {
    const i32 = new Int32Array(this.context.heap);
    const waits: ThreadWait[] = this.table.aliveIdents().map((ident) => {
      const kind = this.table.get(ident, Field.WaitKind) as WaitKind;
      const obj = this.table.get(ident, Field.WaitObj);
      const addr = this.table.get(ident, Field.WaitAddr);
      let heldBy = 0;
      if (kind === WaitKind.Lock) heldBy = new LockCore(i32, addr).owner();
      else if (kind === WaitKind.RLock) heldBy = new RLockCore(i32, addr).owner();
      else if (kind === WaitKind.Join) heldBy = obj;
      const reader = this.readers.get(ident);
      return {
        ident, name: this.table.name(ident), kind, obj, heldBy,
        timed: this.table.get(ident, Field.WaitTimed) === 1,
        progress: reader ? reader.trace.produced() : -1,
      };
    });
    const verdict = this.deadlockWatch.scan(waits);
    if (!verdict) return;
    this.deadlock = verdict.info;
    this.addOutput({ thread: "playground", text: verdict.sentence, t: this.now(), stream: "stderr" });
    void this.end("deadlock");
  }

  private addOutput(line: OutputLine): void {
    if (this.output.length >= MAX_OUTPUT_LINES) {
      this.omittedLines++;
      return;
    }
    const output = this.output;
    let at = output.length;
    while (at > 0 && output[at - 1].t > line.t) at--;
    output.splice(at, 0, line);
    this.pendingOutput.push(line);
  }

  private drain(ident: number, maxLines = Infinity): void {
    const reader = this.readers.get(ident);
    if (!reader) return;
    const cutoff = this.cutoffMs;
    reader.trace.drain((tMs, kind, arg, obj) => {
      if (tMs <= cutoff) this.model.add(ident, tMs, kind, arg, obj);
    });
    const thread = this.table.name(ident);
    reader.output.drain((r) => {
      if (r.tMs <= cutoff) this.addOutput({ thread, text: r.text, t: r.tMs, stream: r.stream ? "stderr" : "stdout" });
    }, maxLines);
  }

  private flush(maxLines = OUTPUT_LINES_PER_FRAME): void {
    const before = this.model.eventCount;
    for (const ident of this.readers.keys()) this.drain(ident, maxLines);
    if (this.model.eventCount !== before) this.listener.onTraceUpdate?.();
    if (this.pendingOutput.length > 0) {
      // One frame's lines come per thread; show them in time order.
      this.pendingOutput.sort((a, b) => a.t - b.t);
      this.listener.onOutput?.(this.pendingOutput.splice(0));
    }
  }

  private onFrame = () => {
    this.flush();
    if (!this.ended) this.frame = requestAnimationFrame(this.onFrame);
  };

  private async end(status: RunStatus): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    clearInterval(this.backgroundDrain);
    clearInterval(this.deadlockScan);
    const endMs = this.now();
    // terminate() returns before the worker has stopped: what a thread does
    // after this moment is not part of the run (and nothing is woken: a
    // joiner woken now would run on until its own worker stops).
    this.cutoffMs = endMs;
    this.clock.terminate();
    for (const worker of [...this.workers.values(), ...this.finishedWorkers.splice(0)]) worker.terminate();
    // A thread still running now was stopped: a daemon at the end of a
    // normal run, or everyone on Stop, timeout or a MainThread error.
    for (const ident of this.workers.keys()) {
      this.drain(ident);
      this.model.finish(ident, endMs, ThreadState.Stopped);
    }
    this.workers.clear();
    await Promise.all(this.pendingReports);
    this.flush(Infinity);
    if (this.omittedLines > 0) {
      this.output.push({ thread: "playground", text: `${this.omittedLines} more output lines were printed but not kept (the limit is ${MAX_OUTPUT_LINES})`, t: endMs, stream: "stderr" });
      this.listener.onOutput?.([this.output[this.output.length - 1]]);
    }
    if (status !== "ok") this.exitCode = this.exitCode || 1;
    this.resolve(this.buildResult(status, endMs));
  }

  private buildResult(status: RunStatus, endMs: number): RunResult {
    let dropped = 0;
    for (const reader of this.readers.values()) dropped += reader.trace.dropped();
    this.model.droppedEvents = dropped;
    const threads = [...this.model.threads.values()].map((track) => {
      const figures = this.model.figures(track, endMs);
      const state = figures.finalState === ThreadState.Error ? "error" : figures.finalState === ThreadState.Done ? "done" : "stopped";
      return {
        name: track.name,
        kind: track.kind as RunResult["threads"][number]["kind"],
        startMs: figures.startMs,
        endMs: figures.endMs,
        runningMs: figures.runningMs,
        blockedMs: figures.blockedMs,
        state: state as "done" | "error" | "stopped",
      };
    });
    return {
      status,
      exitCode: this.exitCode,
      durationMs: endMs,
      output: this.output,
      errors: this.errors,
      threads,
      ...(this.deadlock ? { deadlock: this.deadlock } : {}),
      stats: { events: this.model.eventCount, droppedEvents: dropped },
    };
  }
}
