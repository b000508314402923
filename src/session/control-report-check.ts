// The page's reading of a controlled run's ControlReport (runtime/types.ts),
// as the runner sends it with the run's end. The runner shares a process
// with the snippet's workers, so the report is checked field by field like
// every other message (frame-protocol.ts); anything malformed is dropped,
// and the run then simply has no schedule to offer.

import type { ControlReport } from "../runtime/types";

const MAX_STEPS = 200_000;
const ENDS = new Set(["running", "finished", "deadlock", "paused", "diverged", "too-long"]);
const STATUSES = new Set(["runnable", "blocked", "sleeping", "done"]);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const intArray = (v: unknown, max: number): v is number[] => Array.isArray(v) && v.length <= max && v.every(isInt);

export function readControlReport(data: unknown): ControlReport | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const r = data as Record<string, unknown>;
  if (typeof r.end !== "string" || !ENDS.has(r.end) || !isInt(r.seed) || typeof r.schedule !== "string" || r.schedule.length > 4 * MAX_STEPS) return undefined;
  if (!isInt(r.steps) || !isInt(r.preemptions) || !intArray(r.choices, MAX_STEPS) || !intArray(r.enabled, MAX_STEPS)) return undefined;
  if (r.choices.length !== r.steps || r.enabled.length !== r.steps || !Array.isArray(r.threads) || r.threads.length > 4096) return undefined;
  for (const list of [r.kinds, r.args, r.positions]) if (!intArray(list, MAX_STEPS) || list.length !== r.steps) return undefined;
  if (!Array.isArray(r.times) || r.times.length !== r.steps || !r.times.every((t, i, all) => typeof t === "number" && t >= 0 && (i === 0 || t >= all[i - 1]))) return undefined;
  if (!Array.isArray(r.globals) || r.globals.length > 1 << 20 || !r.globals.every((v) => typeof v === "number")) return undefined;
  const threads: ControlReport["threads"] = [];
  for (const t of r.threads as Record<string, unknown>[]) {
    if (typeof t !== "object" || t === null || !isInt(t.n) || !isInt(t.ident) || typeof t.name !== "string" || typeof t.status !== "string" || !STATUSES.has(t.status)) return undefined;
    if (!isInt(t.ref) || !isInt(t.nextKind) || !isInt(t.nextArg) || !isInt(t.nextPos)) return undefined;
    threads.push({
      n: t.n, ident: t.ident, name: t.name.slice(0, 256), status: t.status as ControlReport["threads"][number]["status"],
      ref: t.ref, nextKind: t.nextKind, nextArg: t.nextArg, nextPos: t.nextPos, ...(t.timedOut === true ? { timedOut: true } : {}),
    });
  }
  return {
    end: r.end, seed: r.seed, schedule: r.schedule, steps: r.steps, preemptions: r.preemptions,
    choices: r.choices, enabled: r.enabled, kinds: r.kinds as number[], args: r.args as number[], positions: r.positions as number[], times: r.times as number[], threads,
    globals: r.globals as number[],
  };
}
