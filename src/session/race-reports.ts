// The page's side of the race detector (API.md §11): each race the runner
// forwards names two accesses by their compile sites; here they become the
// variable and lines the snippet wrote, are kept once per variable and pair
// of lines (a racy loop finds the same pair on every turn), and are told in
// the output in the shape of Go's race reports. The runner's message comes
// from memory a snippet can write, so a site outside the compile's list is
// dropped rather than shown.

import type { AccessSite } from "../compile/types";
import type { FromRunner } from "../runtime/frame-protocol";
import type { RaceAccess, RaceInfo } from "../runtime/types";
import { visibleText } from "../base/visible-text";

type RaceMessage = Extract<FromRunner, { type: "race" }>;

const MAX_RACES = 100;

const accessOf = (n: unknown): "read" | "write" => (n === 1 ? "write" : "read");
const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

export class RaceReports {
  readonly races: RaceInfo[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly sites: readonly AccessSite[]) {}

  /** The race of `message`, if it is new and well-formed; null otherwise. */
  take(message: RaceMessage): RaceInfo | null {
    const second = this.access(message.thread, message.access, message.site, message.t);
    const first = this.access(message.prevThread, message.prevAccess, message.prevSite, message.prevT);
    if (!first || !second || this.races.length >= MAX_RACES) return null;
    const variable = this.sites[message.site].text;
    const lines = [first.line, second.line].sort((a, b) => a - b);
    const key = `${variable}\n${lines[0]}\n${lines[1]}`;
    if (this.seen.has(key)) return null;
    this.seen.add(key);
    const race = { variable, first, second };
    this.races.push(race);
    return race;
  }

  private access(thread: unknown, access: unknown, site: unknown, t: unknown): RaceAccess | null {
    if (typeof thread !== "string" || !Number.isInteger(site) || (site as number) < 0 || (site as number) >= this.sites.length) return null;
    const at = this.sites[site as number];
    return { thread: thread.slice(0, 256), access: accessOf(access), line: at.line, column: at.column, text: at.text, t: Number.isFinite(t) ? (t as number) : 0 };
  }
}

/** Where a thread was started: its starter, and the line of the start() call. */
export interface ThreadOrigin {
  line: number;
  parent: string;
}

/** The report printed for a race, in the shape of Go's `WARNING: DATA RACE`, with where each thread was started when known. */
export function raceReportText(race: RaceInfo, origins: ReadonlyMap<string, ThreadOrigin> = new Map()): string {
  const { variable, first, second } = race;
  const started = [...new Set([second.thread, first.thread])].flatMap((thread) => {
    const origin = origins.get(thread);
    return origin ? [`${visibleText(thread)} started at line ${origin.line} by ${visibleText(origin.parent)}`] : [];
  });
  return [
    "==================",
    "WARNING: DATA RACE",
    `${capital(second.access)} of ${variable} at line ${second.line} by ${visibleText(second.thread)}`,
    `Previous ${first.access} of ${first.text} at line ${first.line} by ${visibleText(first.thread)}`,
    ...started,
    "No lock, queue, event or join orders these two accesses: one thread's update can be lost or seen half-done.",
    "==================",
  ].join("\n");
}
