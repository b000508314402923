// When Monaco may start its workers: its TypeScript service (a second copy
// of TypeScript, about 1.3 s of CPU to load and warm on this 2-core
// machine) and its editor worker. They wait until the page's first run has
// ended, or AFTER_READY_MS after the page is ready, whichever comes first
// (AT_THE_LATEST_MS after the page began, if it is slow to be ready):
// a learner who opens a link and presses Run gets the result without
// sharing the cores with them, and the squiggles follow a moment later.
// (Measured cold: the TypeScript service started at the page's ready and
// took 630 ms of CPU before the first run's result arrived.)

import type { PlaygroundApp } from "../playground-app";

const AFTER_READY_MS = 1500;
/** and at the latest this long after the page began, if it is slow to be ready (ready waits up to 30 s) */
const AT_THE_LATEST_MS = 8000;

let open!: () => void;
/** resolves when Monaco may start its workers (monaco-setup.ts waits on it in getWorker) */
export const languageWorkersMayStart = new Promise<void>((resolve) => {
  open = resolve;
});

/** Opens the gate for `app`'s page: after its first run ends, or AFTER_READY_MS after it is ready. */
export function gateLanguageWorkers(app: PlaygroundApp): void {
  void app.ready.then(() => setTimeout(open, AFTER_READY_MS));
  setTimeout(open, AT_THE_LATEST_MS);
  const stop = app.stores.run.subscribe((state, previous) => {
    if (previous.phase === "running" && state.phase !== "running") {
      stop();
      open();
    }
  });
  void languageWorkersMayStart.then(stop);
}
