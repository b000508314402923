// Searching the trace, as Perfetto's omnibox does for slices: a query of
// words ("acquire lockA", "Thread-2 blocked", "put jobs") lists every bar
// that matches all of them, earliest first, so the page can highlight them
// and step through. A bar's searchable text is its thread, its kind (state
// name, or acquire/hold for a lock hold, put/get for a queue operation,
// mark) and the object it is about, in English and in the page's words.
//
// Cost: the text is built once per group of bars that share it (one
// thread's holds of one lock, one thread's intervals in one state on one
// object), never per bar, so a query over a million lock holds is a pass
// over typed arrays. Only the first MAX_MATCHES by time are kept; `total`
// counts them all.

import { ThreadState } from "../trace/events";
import type { TraceModel } from "../trace/model";
import { labelText, objectName, stateName, waitTargetName } from "../trace/names";
import { EN_WORDS, type TimelineWords } from "./words";
import { visibleText } from "../base/visible-text";

export type MatchLane = "thread" | "lock" | "queue";

export interface SearchMatch {
  /** the lane the bar is drawn on: a thread's ident, a lock's or queue's ref */
  lane: MatchLane;
  laneId: number;
  /** the thread the bar is about */
  ident: number;
  startMs: number;
  endMs: number;
}

export interface SearchResult {
  matches: SearchMatch[];
  /** every match, also those past MAX_MATCHES */
  total: number;
}

export const MAX_MATCHES = 10_000;

/** The query's words, lower-cased; empty when there is nothing to search for. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
}

/**
 * Whether every term is in `text` (lower-cased words). A term that ends in
 * a digit must equal a whole word, so "Thread-1" does not find Thread-12;
 * other terms may be any part of a word ("acq", "block").
 */
export function matchesTerms(words: readonly string[], terms: readonly string[]): boolean {
  return terms.every((term) => (/\d$/.test(term) ? words.includes(term) : words.some((w) => w.includes(term))));
}

/** The words of `parts`, as given and as drawn (a name with a character escaped on the canvas is found by what the learner sees too). */
function wordsOf(...parts: string[]): string[] {
  const text = parts.join(" ").toLowerCase();
  const shown = visibleText(text);
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  return shown === text ? words : [...words, ...shown.split(/\s+/).filter((w) => w.length > 0)];
}

export function searchTrace(model: TraceModel, query: string, untilMs: number, w: TimelineWords = EN_WORDS): SearchResult {
  const terms = queryTerms(query);
  const found: SearchMatch[] = [];
  let total = 0;
  if (terms.length === 0) return { matches: found, total };
  // Each group below is walked in time order: its first MAX_MATCHES are all it can add to the earliest MAX_MATCHES.
  let inGroup = 0;
  const group = () => { inGroup = 0; };
  const keep = (m: SearchMatch) => {
    total++;
    if (inGroup++ < MAX_MATCHES) found.push(m);
  };
  const both = (f: (words: TimelineWords) => string) => (w === EN_WORDS ? f(EN_WORDS) : `${f(EN_WORDS)} ${f(w)}`);

  for (const track of model.threads.values()) {
    const groups = new Map<number, boolean>();
    group();
    const { times, states, objects } = track;
    const n = states.length;
    for (let i = 0; i < n; i++) {
      const state = states.data[i];
      if (state >= ThreadState.Done) break;
      const obj = objects.data[i];
      const key = obj * 16 + state;
      let hit = groups.get(key);
      if (hit === undefined) {
        hit = matchesTerms(wordsOf(track.name, both((x) => stateName(state, x)), both((x) => waitTargetName(model, obj, x))), terms);
        groups.set(key, hit);
      }
      if (hit) keep({ lane: "thread", laneId: track.ident, ident: track.ident, startMs: times.data[i], endMs: i + 1 < n ? times.data[i + 1] : untilMs });
    }
    group();
    for (let i = 0; i < track.markTimes.length; i++) {
      if (!matchesTerms(wordsOf(track.name, "mark", labelText(model, track.markLabels.data[i])), terms)) continue;
      const t = track.markTimes.data[i];
      keep({ lane: "thread", laneId: track.ident, ident: track.ident, startMs: t, endMs: t });
    }
  }
  for (const lock of model.locks.values()) {
    const name = objectName(model, lock.id, w);
    for (const [ident, list] of lock.holds) {
      if (!matchesTerms(wordsOf(model.threads.get(ident)?.name ?? "", "acquire hold held release lock", name), terms)) continue;
      group();
      for (let i = 0; i < list.length; i++) {
        keep({ lane: "lock", laneId: lock.id, ident, startMs: list.starts.data[i], endMs: Math.min(list.ends.data[i], untilMs) });
      }
    }
  }
  for (const queue of model.queues.values()) {
    const name = objectName(model, queue.id, w);
    for (const put of [true, false]) {
      const log = put ? queue.puts : queue.gets;
      log.ensureSorted();
      const verdicts = new Map<number, boolean>();
      group();
      for (let k = 0; k < log.length; k++) {
        const ident = log.idents.data[k];
        let hit = verdicts.get(ident);
        if (hit === undefined) verdicts.set(ident, (hit = matchesTerms(wordsOf(model.threads.get(ident)?.name ?? "", put ? "put" : "get", "queue", name), terms)));
        if (hit) keep({ lane: "queue", laneId: queue.id, ident, startMs: log.times.data[k], endMs: log.times.data[k] });
      }
    }
  }
  found.sort((a, b) => a.startMs - b.startMs || a.ident - b.ident);
  if (found.length > MAX_MATCHES) found.length = MAX_MATCHES;
  return { matches: found, total };
}
