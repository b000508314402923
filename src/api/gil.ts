// The simulated GIL's knobs (Python's sys.setswitchinterval and
// sys.getswitchinterval, in ms). The run turns the GIL itself on or off
// (toolbar, settings.gil, or the pragma `// playground: gil=on`); a Process
// can choose for itself (`new Process({ target, gil: false })`, like starting
// a free-threaded Python 3.13t).

import { ValueError } from "../base/errors";
import { gilEnabled as processGilEnabled, setSwitchIntervalUs, switchIntervalUs } from "../runtime/door";

/** How long a thread may hold the GIL while another waits for it, in ms. */
export function setSwitchInterval(ms: number): void {
  if (!(ms > 0)) throw new ValueError("switch interval must be strictly positive");
  setSwitchIntervalUs(Math.max(1, Math.round(ms * 1000)));
}

export function getSwitchInterval(): number {
  return switchIntervalUs() / 1000;
}

/** Whether this process runs with the GIL (Python 3.13's sys._is_gil_enabled()). */
export function gilEnabled(): boolean {
  return processGilEnabled();
}
