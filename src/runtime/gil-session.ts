// One thread's side of its process's simulated GIL (sync/gil.ts): whether it
// holds it, taking it when the thread starts running Python-like code again,
// dropping it whenever the thread blocks or ends (WorkerContext.enter calls
// these), and yielding it when another thread has asked through this
// thread's eval-breaker word (host.tick calls yieldIfAsked).

import { Gil } from "../sync/gil";
import { Ctl, Field, type ThreadTable } from "./thread-table";

export class GilSession {
  private holding = false;
  private readonly gil: Gil;

  constructor(
    private readonly table: ThreadTable,
    private readonly ctl: Int32Array,
    private readonly ident: number,
    /** the run's clock, in ms */
    private readonly now: () => number,
    /** records "waiting for the GIL" on the timeline, just before waiting */
    private readonly onWait: () => void,
    /** records a hand-over from thread `from`, `latencyUs` after it let the GIL go */
    private readonly onHandover: (from: number, latencyUs: number) => void,
  ) {
    this.gil = new Gil(table.i32, table.get(ident, Field.GilBase));
  }

  private readonly nowUs = () => Math.round(this.now() * 1000);

  private readonly switchIntervalMs = () => Atomics.load(this.table.i32, this.table.control + Ctl.SwitchIntervalUs) / 1000;

  private readonly requestDrop = (holder: number) => {
    // The holder's eval-breaker word, in the run's control buffer.
    if (this.table.holdsSlot(holder)) Atomics.store(this.ctl, this.table.get(holder, Field.CtlWord), 1);
  };

  /** `announced`: the caller already showed "waiting for the GIL" */
  take(announced = false): void {
    if (this.holding) return;
    const handover = this.gil.acquire(this.ident, this.nowUs, this.switchIntervalMs, this.requestDrop, announced ? undefined : this.onWait);
    this.holding = true;
    if (handover) this.onHandover(handover.from, handover.latencyUs);
  }

  drop(): void {
    if (!this.holding) return;
    this.holding = false;
    this.gil.release(this.ident, this.nowUs());
  }

  /** At an eval-breaker check: if another thread waits, let it run, then queue again. */
  yieldIfAsked(): boolean {
    if (!this.holding || !this.gil.contended()) return false;
    this.onWait();
    this.holding = false;
    this.gil.yieldTo(this.ident, this.nowUs(), this.switchIntervalMs());
    this.take(true);
    return true;
  }
}
