// The search for a failing interleaving (session/explore.ts) run from the
// page, for the "Find a failing interleaving" button and for
// window.playground.explore alike: its many controlled runs go straight to
// the runtime, undrawn (drawing each would cost more than running it; the
// runner runs the shared ones itself, runner/search-runner.ts), and
// the failure it finds is replayed through the run controller, so the page
// shows it as the Run button would: output, summary, timeline, steps.
// Stop ends the search between two runs, and the run going on at once.

import type { PlaygroundApp } from "../playground-app";
import type { RunHandle } from "../../session/runtime-api";
import { explore, type ExploreRequest, type ExploreResult, type RunControlled, type SharedSearch } from "../../session/explore";
import { currentSettings } from "../state/stores";
import { refusedCode } from "../run-controller";

/** Rejects a search that was stopped: the caller says so, it is not a failure of the program. */
export class SearchStopped extends Error {
  constructor(readonly schedulesRun: number) {
    super("the search was stopped");
  }
}

export interface PageSearch {
  /** the search's result, after the failure it found (if any) has been replayed in the page */
  result: Promise<ExploreResult>;
  stop(): void;
}

export function exploreInPage(app: PlaygroundApp, request: ExploreRequest & { code?: string } = {}): PageSearch {
  const editor = app.stores.editor;
  const refused = refusedCode(request.code);
  if (refused) throw new RangeError(refused);
  if (request.code !== undefined) editor.getState().setCode(String(request.code));
  const code = editor.getState().code;
  app.controller.stop();
  let stopped = false;
  let current: Pick<RunHandle, "stop"> | null = null;
  let runs = 0;
  const toolbar = currentSettings(app.stores.settings);
  const runOne: RunControlled = async (settings, plan, timeoutMs) => {
    if (stopped) throw new SearchStopped(runs);
    const handle = (current = app.runtime.run(code, { toolbar, request: settings, plan }, {}, timeoutMs));
    const result = await handle.result;
    current = null;
    // A run the page started meanwhile (Run, the API) took the runner: that run's "stopped" is no outcome of the program, and the search gives way.
    if (handle.superseded?.()) stopped = true;
    else runs++;
    if (stopped) throw new SearchStopped(runs);
    return { result, control: await handle.control };
  };
  const search = app.runtime.search?.bind(app.runtime);
  const shared: SharedSearch | undefined = search && (async (settings, options) => {
    if (stopped) throw new SearchStopped(runs);
    const { signal, ...asked } = options;
    const handle = (current = search(code, { toolbar, request: settings }, asked));
    signal?.addEventListener("abort", () => handle.stop(), { once: true });
    const found = await handle.result;
    current = null;
    runs += found.schedulesRun;
    if (stopped) throw new SearchStopped(runs);
    return found;
  });
  const stop = () => {
    stopped = true;
    current?.stop();
  };
  // A run the learner or the API asks for meanwhile takes the runner: the search stops, rather than take turns with it.
  const giveWay = app.controller.onRunStarting(stop);
  const searched = explore(runOne, request, shared);
  void searched.finally(giveWay).catch(() => undefined);
  const result = searched.then(async (found) => {
    if (found.failure) {
      const { seed, schedule } = found.failure;
      await app.controller.run({ code, settings: { ...request.settings, controlled: true, seed, schedule }, plan: { policy: "stay" } });
    }
    return found;
  });
  return { result, stop };
}
