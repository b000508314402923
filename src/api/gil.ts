// The simulated GIL's knobs (Python's sys.setswitchinterval and
// sys.getswitchinterval, in ms). The run turns the GIL itself on or off
// (toolbar, settings.gil, or the pragma `// playground: gil=on`).

import { ValueError } from "../base/errors";
import { context } from "../runtime/worker-context";
import { Ctl } from "../runtime/thread-table";

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

/** Whether this run simulates the GIL. */
export function gilEnabled(): boolean {
  const ctx = context();
  return Atomics.load(ctx.i32, ctx.table.control + Ctl.GilEnabled) === 1;
}
