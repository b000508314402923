// One run, on the page: it takes in what the runner streams (trace chunks,
// labels, exceptions, notices, the end) strictly in order, builds the trace
// model and the output from it, and assembles the RunResult once the end has
// come and everything before it is in. Work is done a slice at a time,
// WORK_MS per frame at most, so a run that records millions of events or
// prints without end never freezes the page; each chunk is acknowledged once
// taken in, which is what lets the runner send the next (flow control: a run
// cannot produce faster than the page takes it in).

import type { CompileResult } from "../compile/types";
import type { FromRunner } from "../runtime/frame-protocol";
import type { ControlReport, OutputLine, RunErrorInfo, RunResult, RunStatus } from "../runtime/types";
import { readControlReport } from "./control-report-check";
import { openHolds, queueSizes, stepDescriber } from "./step-words";
import { drawWakes } from "./paused-wakes";
import { TraceModel } from "../trace/model";
import { checkHolds, contradictionText, unsettledText } from "../trace/contradictions";
import { ThreadState } from "../trace/events";
import type { RunListener } from "./runtime-api";
import { EventCursor, TraceProblem, readChunk } from "./chunk-reader";
import { formatTraceback, headerLines, snippetFrames } from "./traceback";
import { buildResult } from "./run-result";
import { RaceReports, raceReportText, type ThreadOrigin } from "./race-reports";
import { originalPosition } from "../compile/source-position";
import { sourceMapper } from "./source-mapper";
import { CRASH_AFTER_MS } from "./runner-client";
import { RunOutput } from "./run-output";

const pageNow = () => performance.timeOrigin + performance.now();
/** page time spent on a run's stream per frame */
const WORK_MS = 6;
/** a frame's length, for pacing where no frame callback says when one starts */
const FRAME_MS = 16;
const EVENTS_PER_SLICE = 4096;
/** how far after its moment an exception's traceback is placed among the output lines: far below any clock's tick */
const EXCEPTION_AFTER_MS = 1e-6;
/** how far past the page's clock an event may claim to be (the runner's clock is another process's) */
const CLOCK_SLACK_MS = 5000;
/** threads whose start line a run keeps for race reports */
const MAX_ORIGINS = 10_000;
/** the latest a controlled run's virtual clock may claim (about 300 years: any finite sleep a lesson makes) */
const VIRTUAL_LIMIT_MS = 1e13;

type Step = () => boolean;

export class RunSession {
  readonly model = new TraceModel();
  private readonly kept = new RunOutput();
  /** the lines kept, in time order (run-output.ts) */
  readonly output: OutputLine[] = this.kept.lines;
  readonly errors: RunErrorInfo[] = [];
  readonly result: Promise<RunResult>;
  private resolve!: (result: RunResult) => void;
  private readonly names = new Map<number, string>();
  private readonly halts = new Map<number, { state: ThreadState; t: number }>();
  private readonly pending: FromRunner[] = [];
  private step: Step | null = null;
  /**
   * The most the page's clock can be ahead of the run's: the least of
   * (page's time as a runner message came - the run's time it was sent at).
   * The page's own timeOrigin + now() can be tens of ms off the run's
   * threads' (a page's and a worker's were 47 ms apart on this machine), so
   * it is not read against the run's epoch; this bound only ever tightens,
   * and now() read through it is never ahead of the run, and behind it by
   * the quickest message's latency. (Only the runner's stamps count: an
   * event's time is the snippet's to forge.)
   */
  private lead = Infinity;
  private readonly createdAt = pageNow();
  private scheduled = false;
  /** the page time the stream has had since `windowStart` (a frame, or FRAME_MS) */
  private usedMs = 0;
  private windowStart = -Infinity;
  private done = false;
  /** the runner's end has arrived (taken in or not) */
  private endHeard = false;
  private offset = 2;
  private ready: Promise<void>;
  /** the race detector's findings (API.md §11), when the compile was checked */
  readonly races: RaceReports;
  /** where each thread was started (only reported with the race detector on) */
  private readonly origins = new Map<string, ThreadOrigin>();

  constructor(
    readonly runId: number,
    private readonly compiled: CompileResult,
    private readonly listener: RunListener,
    private readonly send: (message: { type: "ack"; runId: number; seq: number }) => void,
    /** the run has the race detector on: its result lists races, none included */
    private readonly raceDetector = false,
    /** a controlled run's events are on its virtual clock, which may run far ahead of the page's (a long sleep is instant) */
    private readonly virtualTime = false,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.races = new RaceReports(compiled.sites);
    this.model.mapSource = sourceMapper(compiled, () => this.offset);
    this.ready = headerLines.then((n) => {
      this.offset = n;
    });
  }

  /** ms since the run started, on the page's reading of the run's clock (see `lead`; before the run starts, since the page asked for it) */
  now(): number {
    return Number.isFinite(this.lead) ? pageNow() - this.lead : pageNow() - this.createdAt;
  }

  /** The runner said something at run time `runMs`. */
  private heard(runMs: number): void {
    if (Number.isFinite(runMs)) this.lead = Math.min(this.lead, pageNow() - runMs);
  }

  handle(message: FromRunner): void {
    if (this.done) return;
    if (message.type === "started") {
      // (Sent after the run's epoch: the run's clock was at 0 or past it.)
      this.heard(0);
      this.listener.onTraceStart?.(this.model, () => this.now());
      return;
    }
    if (message.type === "chunk" && typeof message.sentMs === "number") this.heard(message.sentMs);
    if (message.type === "end") this.endHeard = true;
    this.pending.push(message);
    this.schedule();
  }

  /**
   * The runner's process stopped answering during the run: died, out of
   * memory most likely. The page cannot see why a frame's process went, so
   * the error says what it saw, and what it takes it for.
   */
  crashed(): void {
    if (this.done) return;
    this.pending.push({
      type: "end", runId: this.runId, status: "error", exitCode: 1, endMs: this.now(),
      problem: `MemoryError: the process the run's threads ran in stopped answering for ${CRASH_AFTER_MS / 1000} s: most likely the browser ended it for running out of memory (the page is fine; the next run starts afresh)`,
    });
    this.schedule();
  }

  /** A newer run replaces this one (the runner stops it when the new run arrives). */
  supersede(): void {
    if (this.done) return;
    this.superseded = true;
    this.pending.push({ type: "end", runId: this.runId, status: "stopped", exitCode: 1, endMs: this.now() });
    this.schedule();
  }

  /**
   * Work goes on in a task of its own at once while this frame's WORK_MS is
   * not spent, so a run's chunk, its ack and its end do not each wait for a
   * frame (a short run's round trips to the runner were most of its time);
   * past it, the rest waits for the next frame, so a flood never holds the
   * page for more than WORK_MS a frame.
   */
  private schedule(): void {
    if (this.scheduled || this.done) return;
    this.scheduled = true;
    const now = performance.now();
    if (now - this.windowStart >= FRAME_MS) this.newWindow(now);
    const tick = (fresh: boolean) => () => {
      this.scheduled = false;
      if (fresh) this.newWindow(performance.now());
      void this.ready.then(() => this.work());
    };
    if (this.usedMs < WORK_MS) setTimeout(tick(false), 0);
    // rAF pauses in a hidden tab; a run's result must still arrive.
    else if (document.visibilityState === "visible") requestAnimationFrame(tick(true));
    else setTimeout(tick(true), FRAME_MS);
  }

  private newWindow(now: number): void {
    this.windowStart = now;
    this.usedMs = 0;
  }

  private work(): void {
    const started = performance.now();
    const deadline = started + Math.max(0, WORK_MS - this.usedMs);
    try {
      while (performance.now() < deadline && !this.done) {
        if (this.step) {
          if (this.step()) this.step = null;
          continue;
        }
        const message = this.pending.shift();
        if (!message) break;
        this.take(message);
      }
    } catch (error) {
      if (!(error instanceof TraceProblem)) throw error;
      this.pending.length = 0;
      this.step = null;
      this.pending.push({ type: "end", runId: this.runId, status: "error", exitCode: 1, endMs: this.now(), problem: `the run's trace was refused: ${error.message}` });
      this.send({ type: "ack", runId: this.runId, seq: -1 });
    }
    this.flushOutput();
    this.usedMs += performance.now() - started;
    if (!this.done && (this.step || this.pending.length > 0)) this.schedule();
  }

  private take(message: FromRunner): void {
    switch (message.type) {
      case "chunk":
        return this.takeChunk(message.chunk);
      case "object":
        if (!Number.isInteger(message.ref)) return;
        if (typeof message.name === "string") this.model.nameObject(message.ref, message.name.slice(0, 1000));
        if (Number.isInteger(message.owner)) this.model.setOwner(message.ref, message.owner as number);
        return;
      case "exception": {
        const thread = typeof message.thread === "string" ? message.thread.slice(0, 256) : this.nameOf(message.ident);
        const frames = snippetFrames(String(message.stack), this.compiled, this.offset);
        const text = formatTraceback(thread, String(message.errorName), String(message.message), frames);
        const errorText = message.errorName && message.message ? `${message.errorName}: ${message.message}` : String(message.errorName || message.message);
        this.errors.push({ thread, message: errorText, line: frames[0]?.line, column: frames[0]?.column });
        // Just after the moment it was raised: a print of the same moment (a controlled run's clock moves a µs a step)
        // comes first, though it reaches the page later (through the drainer; the exception comes straight from the runner).
        // (with its writer's ident, as a print's: a traceback is marked on its thread's lane whatever the names)
        this.addOutput({ thread, text, t: (Number(message.t) || 0) + EXCEPTION_AFTER_MS, stream: "stderr", ...(Number.isInteger(message.ident) && message.ident > 0 ? { ident: message.ident } : {}) });
        return;
      }
      case "notice":
        if (typeof message.text === "string" && message.text) {
          // A notice of no thread's (ident 0) is the playground's own; one of a thread's is about that thread.
          const own = !message.ident;
          this.addOutput({
            thread: !own && typeof message.thread === "string" ? message.thread.slice(0, 256) : "playground", text: message.text, t: Number(message.t) || 0, stream: "stderr",
            ...(own ? { system: true as const } : {}),
          });
        }
        return;
      case "thread-origin": {
        // Where each thread was started, for race reports ("Thread-2 started at line 25 by MainThread").
        const pos = Number(message.pos);
        if (typeof message.thread !== "string" || typeof message.parent !== "string" || !Number.isInteger(pos) || pos <= 0) return;
        const at = originalPosition(this.compiled, Math.floor(pos / 4096) - this.offset, pos % 4096);
        if (at && this.origins.size < MAX_ORIGINS) this.origins.set(message.thread.slice(0, 256), { line: at.line, parent: message.parent.slice(0, 256) });
        return;
      }
      case "race": {
        const race = this.races.take(message);
        if (race) {
          this.addOutput({ thread: race.second.thread, text: raceReportText(race, this.origins), t: race.second.t, stream: "stderr" });
          this.listener.onRace?.(race);
        }
        return;
      }
      case "halted":
        this.halts.set(message.ident, { state: message.state === "error" ? ThreadState.Error : ThreadState.Stopped, t: Number(message.t) || 0 });
        return;
      case "end":
        return this.finish(message);
    }
  }

  private takeChunk(raw: unknown): void {
    const chunk = readChunk(raw);
    for (const t of chunk.threads) {
      // A thread seen again was renamed (Thread.name set after its start): its lane takes the new name and says the
      // first. Each output line says the name its thread printed it under (the line carries it: output-ring.ts).
      if (this.names.has(t.ident)) {
        this.model.renameThread(t.ident, t.name);
        continue;
      }
      this.names.set(t.ident, t.name);
      this.model.addThread(t.ident, t.name, t.role, t.pid);
    }
    if (chunk.threads.length) this.listener.onThreadsChanged?.();
    const maxMs = this.virtualTime ? () => VIRTUAL_LIMIT_MS : () => this.now() + CLOCK_SLACK_MS;
    const cursors = chunk.events.map((e) => {
      if (!this.names.has(e.ident)) throw new TraceProblem(`events of an unknown thread ${e.ident}`);
      return new EventCursor(e.ident, e.data, maxMs);
    });
    // A line's time and thread are read from memory the snippet can write, as an event's are: checked alike.
    for (const line of chunk.output) {
      if (!this.names.has(line.ident)) throw new TraceProblem(`output of an unknown thread ${line.ident}`);
      if (!(line.t >= -1 && line.t <= maxMs())) throw new TraceProblem(`thread ${line.ident} printed a line at an impossible time (${line.t} ms)`);
    }
    this.kept.add(chunk.output.map((line) => ({ thread: line.name ?? this.nameOf(line.ident), ident: line.ident, text: line.text, t: line.t, stream: line.stream ? "stderr" : "stdout" })));
    let index = 0;
    this.step = () => {
      const model = this.model;
      while (index < cursors.length) {
        const cursor = cursors[index];
        cursor.next(EVENTS_PER_SLICE, (tMs, kind, arg, obj) => model.add(cursor.ident, tMs, kind, arg, obj));
        if (cursor.done) index++;
        return false;
      }
      for (const ident of chunk.ended) this.closeThread(ident);
      this.listener.onTraceUpdate?.();
      // (Once the runner has sent the end it sends no more chunks: an ack would only cost it a message. A search's
      // runs send everything in one batch with the end, runner/message-batch.ts.)
      if (!this.endHeard) this.send({ type: "ack", runId: this.runId, seq: chunk.seq });
      return true;
    };
  }

  /** A thread whose trace is complete: if it ended without saying how (terminated, crashed), say it now. */
  private closeThread(ident: number): void {
    const halt = this.halts.get(ident);
    if (halt) this.model.finish(ident, halt.t, halt.state);
  }

  private nameOf(ident: number): string {
    return this.names.get(ident) ?? (ident === 1 ? "MainThread" : `thread ${ident}`);
  }

  private addOutput(line: OutputLine): void {
    this.kept.add([line]);
  }

  private flushOutput(): void {
    const fresh = this.kept.takeNew();
    if (fresh) this.listener.onOutput?.(fresh);
  }

  /** another run took the runner before this one ended (supersede) */
  superseded = false;

  /** a controlled run's report (API.md §10), once it has ended */
  control: ControlReport | undefined;

  private finish(end: Extract<FromRunner, { type: "end" }>): void {
    this.done = true;
    this.control = end.control === undefined ? undefined : readControlReport(end.control);
    if (this.control) {
      this.control.describe = stepDescriber(this.compiled, this.model, this.offset);
      // Who holds each lock now: the holds the trace left open (read before the threads are finished below).
      this.control.holders = openHolds(this.model);
      this.control.queueSizes = queueSizes(this.model);
      const values = this.control.globals;
      this.control.variables = this.compiled.sharedGlobals.flatMap((g, i) =>
        i < values.length ? [{ name: g.name, value: g.type === "boolean" ? values[i] !== 0 : values[i] }] : []);
    }
    // (Threads the runner ended, before the cut: a cut recounts each thread's times from its states, up to its end.)
    for (const [ident, halt] of this.halts) this.model.finish(ident, halt.t, halt.state);
    // Where the trace is not whole, the earliest such moment: what the page was never sent (counted), what the
    // drainer never read (not counted: how much is not known; cut where each thread was last seen).
    const cuts: number[] = [];
    if (Number.isInteger(end.discardedEvents) && (end.discardedEvents as number) > 0) {
      this.model.droppedEvents += end.discardedEvents as number;
      cuts.push(typeof end.discardedFromMs === "number" ? end.discardedFromMs : Infinity);
    }
    const whole = end.traceIncomplete === true ? this.model.wholeUntilMs() : null;
    if (whole !== null) cuts.push(whole);
    if (cuts.length) this.model.cutAt(Math.min(...cuts));
    const endMs = Number.isFinite(end.endMs) ? end.endMs : this.now();
    const crashed = end.problem?.startsWith("MemoryError");
    // A step-mode pause ends no thread: each stays drawn in the state it is paused in, up to the pause.
    const paused = this.control?.end === "paused";
    if (!paused) for (const ident of this.model.threads.keys()) this.model.finish(ident, endMs, crashed ? ThreadState.Error : ThreadState.Stopped);
    else if (this.control) drawWakes(this.model, this.control, endMs);
    // (Said once the whole trace is in: threads' events reach the page in no particular order.)
    checkHolds(this.model);
    if (this.model.contradiction) {
      this.addOutput({ thread: "playground", text: contradictionText(this.model, this.model.contradiction), t: endMs, stream: "stderr", system: true });
    }
    const unsettled = unsettledText(this.model);
    if (unsettled) this.addOutput({ thread: "playground", text: unsettled, t: endMs, stream: "stderr", system: true });
    if (end.problem) {
      this.errors.push({ thread: "playground", message: end.problem, system: true });
      this.addOutput({ thread: "playground", text: end.problem, t: endMs, stream: "stderr", system: true });
    }
    this.kept.sayOmitted(endMs);
    this.flushOutput();
    this.listener.onTraceUpdate?.();
    const status: RunStatus = ["ok", "error", "deadlock", "stopped", "timeout"].includes(end.status) ? end.status : "error";
    const control = this.control;
    this.resolve(buildResult(this, {
      races: this.raceDetector ? this.races.races : undefined, status, exitCode: Number.isInteger(end.exitCode) ? end.exitCode : 1, endMs, deadlock: end.deadlock,
      ...(control ? { control: { seed: control.seed, schedule: control.schedule, steps: control.steps, preemptions: control.preemptions } } : {}),
    }));
  }
}
