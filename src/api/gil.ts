// The simulated GIL's knobs (Python's sys.setswitchinterval and
// sys.getswitchinterval, in ms). The run turns the GIL itself on or off
// (toolbar, settings.gil, or the pragma `// playground: gil=on`); a Process
// can choose for itself (`new Process({ target, gil: false })`, like starting
// a free-threaded Python 3.13t).

import { ValueError } from "../base/errors";
import { context } from "../runtime/worker-context";
import { Ctl, Field } from "../runtime/thread-table";
import { Gil } from "../sync/gil";

/** How long a thread may hold the GIL while another waits for it, in ms. */
export function setSwitchInterval(ms: number): void {
  if (!(ms > 0)) throw new ValueError("switch interval must be strictly positive");
  const ctx = context();
  Atomics.store(ctx.i32, ctx.table.control + Ctl.SwitchIntervalUs, Math.max(1, Math.round(ms * 1000)));
}

export function getSwitchInterval(): number {
  const ctx = context();
  return Atomics.load(ctx.i32, ctx.table.control + Ctl.SwitchIntervalUs) / 1000;
}

/** Whether this process runs with the GIL (Python 3.13's sys._is_gil_enabled()). */
export function gilEnabled(): boolean {
  const ctx = context();
  return new Gil(ctx.i32, ctx.table.get(ctx.ident, Field.GilBase)).enabled();
}
