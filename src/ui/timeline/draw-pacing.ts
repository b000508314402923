// When the live timeline draws and lays out again (timeline-view.ts asks).
// A run's threads share the machine's cores with the page, and a live
// timeline redrawn at 60 frames a second on a busy trace takes most of one
// (measured on 2 cores, a run that starts and joins thousands of short
// threads: the page's main thread about 80% busy unpaced, about 66%
// paced). So a redraw because the run moved on (new events, "now"
// advanced) waits LIVE_DRAW_SHARE times what a draw costs, within a floor
// and a ceiling; hover, scroll and zoom still redraw on the next frame. And
// while threads keep appearing, lanes are laid out again at most once per
// 20 layouts' worth of time (capped at a second): a run that starts
// thousands of threads cannot spend every frame laying them out. A finished
// run is always laid out in full.

/** Live redraws wait LIVE_DRAW_SHARE times what a draw costs (so drawing takes at most 1/(1+share) of the page), and at most MAX_LIVE_GAP_MS. */
const LIVE_DRAW_SHARE = 4;
const MAX_LIVE_GAP_MS = 250;
/**
 * The least time between live redraws, whatever the script's draws cost:
 * that cost is only part of a draw's; the canvas's raster and the page's
 * compositing cost as much again, outside the script (measured on 2 cores,
 * two CPU-bound threads: the page's main thread busy about 90% of a run
 * redrawn every frame, its script idle 70%).
 */
const MIN_LIVE_GAP_MS = 50;
/**
 * The least time between live redraws while the run's running threads fill
 * every core: then each frame (its script, raster and compositing, about
 * 5 ms of CPU over three of the page's threads) is taken from a thread the
 * learner may be timing. Measured on 2 cores, two CPU-bound threads: the
 * page's frames took about 10% of a core at the 50 ms gap.
 */
const BUSY_LIVE_GAP_MS = 250;

export class DrawPacing {
  /** a paced redraw waiting */
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** what the last draws cost (a moving average), and when the last ended (performance.now() ms) */
  private drawCostMs = 0;
  private drawnAt = 0;
  /** when the lanes were last laid out, and how long that took */
  private layoutAt = 0;
  private layoutCostMs = 0;

  /** Whether a paced redraw is waiting. */
  waiting(): boolean {
    return this.timer !== null;
  }

  /**
   * A live redraw: `draw` at once if the run's share of waiting is over,
   * else after it (`busy`: the run's running threads fill every core).
   */
  redrawLive(busy: boolean, draw: () => void): void {
    if (this.timer) return;
    const floorMs = busy ? BUSY_LIVE_GAP_MS : MIN_LIVE_GAP_MS;
    const waitMs = Math.min(MAX_LIVE_GAP_MS, Math.max(floorMs, LIVE_DRAW_SHARE * this.drawCostMs)) - (performance.now() - this.drawnAt);
    if (waitMs <= 0) return draw();
    this.timer = setTimeout(() => {
      this.timer = null;
      draw();
    }, waitMs);
  }

  /** A draw ran from `began` to now. */
  drew(began: number): void {
    this.drawnAt = performance.now();
    // a moving average, so that one slow frame (a layout of every lane) does not stall the next ones
    this.drawCostMs = 0.8 * this.drawCostMs + 0.2 * (this.drawnAt - began);
  }

  /** Whether lanes that changed shape are laid out again now (`live`: the run is still going). */
  layoutDue(live: boolean): boolean {
    if (!live) return true;
    return performance.now() - this.layoutAt >= Math.min(1000, 20 * this.layoutCostMs);
  }

  /** The lanes were laid out, from `began` to now. */
  laidOut(began: number): void {
    this.layoutAt = performance.now();
    this.layoutCostMs = this.layoutAt - began;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
