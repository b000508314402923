// Step mode (API.md §10: stepStart, step, stepBack): a controlled run that
// pauses at every step so a learner chooses who goes next. Each view is a
// fresh controlled run that replays the steps chosen so far and pauses at
// the next decision (the scheduler's "pause" policy), so "Back" is the same
// replay one step shorter, and every view is drawn as the Run button draws
// a run: the timeline shows the steps taken. Determinism makes the replays
// land on the same state every time.

import type { ControlReport, RunResult, RunSettings } from "../runtime/types";
import type { RunController } from "./run-controller";
import { encodeSchedule, decodeSchedule } from "../runtime/control/schedule-codec";
import { MAX_STEPS } from "../runtime/control/control-memory";


/** Why a step is refused (the automation API's words, API.md §10; the step panel says them in Chinese too: controlled/explain-words.ts). */
export const STEP_REFUSALS = {
  ended: "the run has ended: there is no step to take (start again, or go back)",
  noThread: (thread: string, threads: string[]) => `there is no thread named ${JSON.stringify(thread)} (threads: ${threads.join(", ")})`,
  cannot: (thread: string, why: "ended" | "sleeping" | "blocked", next?: string) =>
    `${thread} cannot take a step: ${why === "ended" ? "it has ended" : why === "sleeping" ? "it is sleeping" : `it is blocked${next ? ` (${next})` : ""}`}`,
  notStarted: "step mode has not started: call stepStart first",
  diverged: "the steps taken so far no longer fit the code (was it edited?): start again",
};
export interface StepView {
  threads: { name: string; state: "runnable" | "blocked" | "sleeping" | "done"; line?: number; next?: string }[];
  output: RunResult["output"];
  done: boolean;
  result?: RunResult;
  schedule: string;
  /** the shared globals now, and who holds which lock (additions to API.md §10) */
  globals: { name: string; value: number | boolean }[];
  locks: { lock: string; thread: string }[];
  /** how many items each queue (and pipe channel) holds now, and which, oldest first, as the learner reads them ('job 3') */
  queues: { queue: string; items: number; contents?: string[] }[];
}

export class StepMode {
  private prefix: number[] = [];
  private settings: RunSettings = {};
  private code: string | undefined;
  private last: { view: StepView; control: ControlReport | undefined } | null = null;

  constructor(private readonly controller: RunController) {}

  /** Begin stepping `code` (the editor's when absent); a `schedule` setting starts from that point. */
  async start(request: { code?: string; settings?: RunSettings } = {}): Promise<StepView> {
    this.code = request.code;
    const { schedule, ...rest } = request.settings ?? {};
    this.settings = { ...rest, controlled: true };
    const decoded = schedule === undefined ? { ok: true as const, choices: [] } : decodeSchedule(schedule, MAX_STEPS);
    if (!decoded.ok) throw new Error(`setting schedule: ${decoded.error}`);
    this.prefix = decoded.choices;
    return this.show();
  }

  /** `thread` takes one step; refused, with the reason, when it cannot. */
  async step(thread: string): Promise<StepView> {
    const last = this.requireStarted();
    const entry = last.control?.threads.find((t) => t.name === thread);
    if (last.view.done) throw new Error(STEP_REFUSALS.ended);
    if (!entry) throw new Error(STEP_REFUSALS.noThread(thread, last.view.threads.map((t) => t.name)));
    if (entry.status !== "runnable") {
      const view = last.view.threads.find((t) => t.name === thread);
      throw new Error(STEP_REFUSALS.cannot(thread, entry.status === "done" ? "ended" : entry.status === "sleeping" ? "sleeping" : "blocked", view?.next));
    }
    this.prefix.push(entry.n);
    return this.show();
  }

  /** One step back: the same run, replayed one step shorter. */
  async back(): Promise<StepView> {
    this.requireStarted();
    this.prefix.pop();
    return this.show();
  }

  private requireStarted(): NonNullable<StepMode["last"]> {
    if (!this.last) throw new Error(STEP_REFUSALS.notStarted);
    return this.last;
  }

  private async show(): Promise<StepView> {
    const schedule = encodeSchedule(this.prefix);
    const result = await this.controller.run({
      ...(this.code !== undefined ? { code: this.code } : {}),
      settings: { ...this.settings, schedule }, plan: { policy: "pause" },
    });
    // Later steps replay the editor's code as it is now.
    this.code = undefined;
    const control = this.controller.lastControl;
    if (!control) throw new Error(result.errors[0]?.message ?? `the controlled run ended ${result.status} without a schedule`);
    if (control.end === "diverged") throw new Error(STEP_REFUSALS.diverged);
    const done = control.end !== "paused";
    const threads = control.threads.map((t) => {
      const words = t.status === "done" ? undefined : control.describe?.(t.nextKind, t.nextArg, t.nextPos);
      return { name: t.name, state: t.status, ...(words?.line ? { line: words.line } : {}), ...(words ? { next: words.text } : {}) };
    });
    const view: StepView = {
      threads, output: result.output, done, ...(done ? { result } : {}), schedule: done ? control.schedule : schedule,
      globals: control.variables ?? [], locks: control.holders ?? [], queues: control.queueSizes ?? [],
    };
    this.last = { view, control };
    return view;
  }
}
