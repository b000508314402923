// What the page does with controlled runs (API.md §10), without React: step
// mode (StepMode replays the steps chosen so far and pauses at the next),
// "Run to end", and the search for a failing interleaving. The step panel,
// the editor's next-line markers and window.playground's stepStart, step
// and stepBack all go through one session per page, so the panel shows the
// steps a course page takes as well as the learner's clicks.

import { createStore, type StoreApi } from "zustand/vanilla";
import type { PlaygroundApp } from "../playground-app";
import type { RunSettings } from "../../runtime/settings";
import type { ExploreRequest, ExploreResult } from "../../session/explore";
import { explainFailure } from "../../session/explain-failure";
import { StepMode, type StepView } from "../step-mode";
import { currentLanguage } from "../i18n/language";
import { exploreInPage, SearchStopped, type PageSearch } from "./explore-in-page";
import { explainPhrases, searchWords } from "./explain-words";

export type SearchState =
  | { phase: "searching"; mode: "failure" | "outcomes" }
  | { phase: "outcomes"; outcomes: ExploreResult["outcomes"]; schedulesRun: number; exhaustive: boolean }
  | { phase: "found"; explanation: string; preemptions: number; schedulesRun: number }
  | { phase: "none"; schedulesRun: number; exhaustive: boolean }
  | { phase: "stopped"; schedulesRun: number }
  | { phase: "failed"; message: string };

export interface ControlledState {
  /** step mode is on: the panel lists the threads and their next steps */
  stepping: boolean;
  /** the current step's view; null before the first view arrives */
  view: StepView | null;
  /** a step (a replay) is under way */
  busy: boolean;
  /** why the last step was refused, or failed */
  error: string | null;
  search: SearchState | null;
}

/** How long the button's search may take, and how many schedules it may run; listing every outcome is given longer (Stop ends either). */
const SEARCH = { maxSchedules: 2000, timeoutMs: 20_000 } as const;
const ALL_OUTCOMES = { maxSchedules: 5000, timeoutMs: 120_000 } as const;

export class ControlledSession {
  readonly store: StoreApi<ControlledState> = createStore<ControlledState>()(() => ({ stepping: false, view: null, busy: false, error: null, search: null }));
  private readonly stepper: StepMode;
  private search: PageSearch | null = null;
  /** the toolbar's seed and schedule before step mode, restored when it ends (each step leaves its prefix there) */
  private saved: Pick<RunSettings, "seed" | "schedule"> | null = null;

  constructor(private readonly app: PlaygroundApp) {
    this.stepper = new StepMode(app.controller);
    // The search's answer is about the runs it made and the failure it opened; a run that is not controlled (the
    // learner back in Parallel or GIL mode) closes it: left open, its red sentence and its seed stood over a run
    // that had neither.
    app.stores.run.subscribe((s, previous) => {
      if (s.inForce === previous.inForce || !s.inForce || s.inForce.settings.controlled) return;
      if (this.store.getState().search?.phase !== "searching") this.store.setState({ search: null });
    });
  }

  start(request: { code?: string; settings?: RunSettings } = {}): Promise<StepView> {
    this.stopSearch();
    if (!this.store.getState().stepping) {
      const { seed, schedule } = this.app.stores.settings.getState();
      this.saved = { seed, schedule };
    }
    this.store.setState({ stepping: true, view: null, error: null, search: null });
    return this.take(() => this.stepper.start(request));
  }

  step(thread: string): Promise<StepView> {
    return this.take(() => this.stepper.step(thread));
  }

  back(): Promise<StepView> {
    return this.take(() => this.stepper.back());
  }

  /** Leaves step mode and runs on from where it was: the steps so far, then the scheduler's seeded choices. */
  async runToEnd(): Promise<void> {
    const view = this.store.getState().view;
    this.exit();
    await this.app.controller.run({ settings: { controlled: true, ...(view ? { schedule: view.schedule } : {}) } });
  }

  exit(): void {
    if (this.saved) this.app.stores.settings.setState(this.saved);
    this.saved = null;
    this.store.setState({ stepping: false, view: null, busy: false, error: null });
  }

  /** "Find a failing interleaving": the search, then the failure replayed in the page and explained under its output. */
  async find(request: ExploreRequest = {}): Promise<void> {
    const found = await this.searchFor({ ...SEARCH, ...request, mode: "failure" });
    if (!found) return;
    const run = this.app.stores.run.getState();
    if (found.failure) {
      // The replay's scheduler report words the sentence in the page's language; the search's own is English.
      const control = this.app.controller.lastControl;
      const language = currentLanguage();
      const explanation = control && language !== "en" ? explainFailure(found.failure.result, control, explainPhrases(language)) : found.failure.explanation;
      run.appendLesson(explanation);
      this.store.setState({ search: { phase: "found", explanation, preemptions: found.failure.preemptions, schedulesRun: found.schedulesRun } });
    } else {
      const none = { phase: "none" as const, schedulesRun: found.schedulesRun, exhaustive: found.exhaustive };
      run.appendLesson(searchWords(currentLanguage()).none(none.schedulesRun, none.exhaustive));
      this.store.setState({ search: none });
    }
  }

  /**
   * "All outcomes": every schedule of a small program (or as many as the
   * budget allows), grouped by what it printed and how it ended: the classic
   * "x can end as 1 or 2" table, each row with a schedule that replays it.
   */
  async allOutcomes(request: ExploreRequest = {}): Promise<void> {
    const found = await this.searchFor({ ...ALL_OUTCOMES, ...request, mode: "outcomes" });
    if (found) this.store.setState({ search: { phase: "outcomes", outcomes: found.outcomes, schedulesRun: found.schedulesRun, exhaustive: found.exhaustive } });
  }

  /** Replays the interleaving `schedule` recorded, in the page (an outcome's row). */
  async replay(schedule: string): Promise<void> {
    await this.app.controller.run({ settings: { controlled: true, schedule } });
  }

  /** Runs a search of `request.mode`; its result, or undefined when it was stopped, failed or replaced (the state says which). */
  private async searchFor(request: ExploreRequest & { mode: "failure" | "outcomes" }): Promise<ExploreResult | undefined> {
    if (this.store.getState().stepping) this.exit();
    this.stopSearch();
    const search = (this.search = exploreInPage(this.app, request));
    this.store.setState({ search: { phase: "searching", mode: request.mode }, error: null });
    try {
      const found = await search.result;
      if (this.search !== search) return undefined;
      this.search = null;
      return found;
    } catch (error) {
      if (this.search !== search) return undefined;
      this.search = null;
      this.store.setState({ search: error instanceof SearchStopped ? { phase: "stopped", schedulesRun: error.schedulesRun } : { phase: "failed", message: messageOf(error) } });
      return undefined;
    }
  }

  /** Step mode and the search's answer closed, a search under way stopped. */
  reset(): void {
    this.stopSearch();
    this.search = null;
    if (this.store.getState().stepping) this.exit();
    this.store.setState({ search: null });
  }

  stopSearch(): void {
    this.search?.stop();
  }

  /** Runs one step-mode action, keeping the panel's view, busy flag and error in step; a refusal rejects as it did. */
  private async take(action: () => Promise<StepView>): Promise<StepView> {
    this.store.setState({ busy: true, error: null });
    try {
      const view = await action();
      if (this.store.getState().stepping) this.store.setState({ view, busy: false });
      return view;
    } catch (error) {
      this.store.setState({ busy: false, error: messageOf(error) });
      throw error;
    }
  }
}

const sessions = new WeakMap<PlaygroundApp, ControlledSession>();

/** The page's one session (the panel and window.playground share it). */
export function controlledSession(app: PlaygroundApp): ControlledSession {
  let session = sessions.get(app);
  if (!session) sessions.set(app, (session = new ControlledSession(app)));
  return session;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
