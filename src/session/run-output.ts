// A run's printed lines as the page keeps them (run-session.ts feeds them):
// in time order across threads, within a cap of lines and of text, and the
// lines not yet given to the UI. A run that prints without end cannot take
// the page's memory: past the cap, lines are counted, not kept, and the run
// ends with one line that says how many.

import type { OutputLine } from "../runtime/types";

/** lines kept for the result and the UI; later ones are counted, not kept */
export const MAX_OUTPUT_LINES = 100_000;
/**
 * The most output text a run keeps, in characters (32 MB): a line may be
 * 32 KB long (runtime/output-ring.ts), so lines alone were no bound: a
 * loop printing 30,000 characters 100,000 times took the page's memory.
 */
export const MAX_OUTPUT_CHARS = 16 << 20;

export class RunOutput {
  /** the lines kept, in time order */
  readonly lines: OutputLine[] = [];
  /** lines of the snippet's not kept, past the caps */
  private omitted = 0;
  private keptChars = 0;
  /** a line was refused for the text cap: every later one is too */
  private charsFull = false;
  /** lines kept since the UI last took them (takeNew) */
  private fresh: OutputLine[] = [];

  /**
   * Adds lines in time order. A chunk holds every thread's lines, each
   * thread's in order: sorted (stably) they are merged with the lines
   * already kept from the first one they precede, in time linear in what
   * is merged, where inserting them one by one was quadratic in a flood.
   */
  add(lines: OutputLine[]): void {
    let room = this.charsFull ? 0 : Math.max(0, MAX_OUTPUT_LINES - this.lines.length);
    for (let i = 0; i < Math.min(room, lines.length); i++) {
      if (this.keptChars + lines[i].text.length > MAX_OUTPUT_CHARS) {
        // From the first line refused on, none is kept: a shorter one after it would leave a hole no one sees.
        this.charsFull = true;
        room = i;
        break;
      }
      this.keptChars += lines[i].text.length;
    }
    if (lines.length > room) {
      // (The playground's own lines, a timeout's or a traceback's, are kept whatever the snippet printed.)
      const dropped = lines.slice(room);
      const own = dropped.filter((line) => line.system);
      this.omitted += dropped.length - own.length;
      lines = [...lines.slice(0, room), ...own];
    }
    if (lines.length === 0) return;
    const batch = lines.slice().sort((a, b) => a.t - b.t);
    const output = this.lines;
    let at = output.length;
    while (at > 0 && output[at - 1].t > batch[0].t) at--;
    const tail = output.splice(at);
    let i = 0;
    let j = 0;
    // On equal times, a line kept before goes first, as it arrived first.
    while (i < tail.length || j < batch.length) {
      output.push(j >= batch.length || (i < tail.length && tail[i].t <= batch[j].t) ? tail[i++] : batch[j++]);
    }
    for (const line of lines) this.fresh.push(line);
  }

  /** At the run's end (`endMs`): the line that says how many were not kept, last, if any were not. */
  sayOmitted(endMs: number): void {
    if (this.omitted === 0) return;
    const text = `${this.omitted} more output lines were printed but not kept (a run keeps at most ${MAX_OUTPUT_LINES} lines and ${MAX_OUTPUT_CHARS >> 19} MB of text)`;
    const line: OutputLine = { thread: "playground", text, t: endMs, stream: "stderr", system: true };
    this.lines.push(line);
    this.fresh.push(line);
  }

  /** The lines kept since the last call, in time order, or null if none. */
  takeNew(): OutputLine[] | null {
    if (this.fresh.length === 0) return null;
    const fresh = this.fresh.sort((a, b) => a.t - b.t);
    this.fresh = [];
    return fresh;
  }
}
