// When threads had their per-operation events off (setTracing(false),
// EventKind.Tracing): over those spans the lock, queue and pool lanes miss
// that thread's acquires, releases, puts and gets, so the timeline hatches
// them as not recorded (timeline/draw-unrecorded.ts) instead of drawing a
// hold that seems to last, or a depth that seems to stay.
//
// A span opens at a thread's setTracing(false) and closes at its
// setTracing(true) or its final state; one still open lasts to the run's
// end. A trace may toggle without end (or be forged to): past MAX_SPANS the
// last span is left open for good, which hatches more than was missed,
// never less.

/** [from, to) in ms: `to` is Infinity while the thread's events are still off */
export interface UntracedSpan {
  ident: number;
  from: number;
  to: number;
}

const MAX_SPANS = 1000;

export class UntracedSpans {
  readonly spans: UntracedSpan[] = [];
  private readonly open = new Map<number, UntracedSpan>();
  /** past MAX_SPANS: the last span is open for good, and whose the spans are is no longer told */
  full = false;

  /** Thread `ident` turned its events off at `tMs`. */
  off(ident: number, tMs: number): void {
    if (this.full || this.open.has(ident)) return;
    if (this.spans.length >= MAX_SPANS) {
      this.full = true;
      this.spans[this.spans.length - 1].to = Infinity;
      return;
    }
    const span = { ident, from: tMs, to: Infinity };
    this.spans.push(span);
    this.open.set(ident, span);
  }

  /** Thread `ident` turned its events on again at `tMs`, or ended. */
  on(ident: number, tMs: number): void {
    const span = this.open.get(ident);
    if (!span || this.full) return;
    span.to = Math.max(span.from, tMs);
    this.open.delete(ident);
  }
}
