// The runner's reading of what a thread's worker says (protocol.ts FromThread).
// A worker runs the snippet's code, so a message is checked field by field
// and anything that is not exactly what the runtime sends is dropped; texts
// are cut to a bounded length so a message cannot flood the page.

import type { FromThread } from "../protocol";
import { ringEndsFrom } from "../drainer/release-book";

const MAX_TEXT = 64 * 1024;
const MAX_NAME = 256;

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isFinite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const text = (v: unknown, max = MAX_TEXT): string | null => (typeof v === "string" ? v.slice(0, max) : null);

/** The message, checked and trimmed, or null if it is not one the runtime sends. */
export function readThreadMessage(data: unknown): FromThread | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case "spawn":
    case "started":
      return isInt(m.ident) && m.ident > 0 ? { type: m.type, ident: m.ident } : null;
    case "exception": {
      const errorName = text(m.errorName, MAX_NAME), message = text(m.message), stack = text(m.stack);
      if (errorName === null || message === null || stack === null || !isFinite(m.t) || (!errorName && !message)) return null;
      return { type: "exception", errorName, message, stack, t: m.t };
    }
    case "object": {
      const name = m.name === undefined ? undefined : text(m.name, 1000);
      if (!isInt(m.ref) || name === null || (m.owner !== undefined && !isInt(m.owner))) return null;
      return { type: "object", ref: m.ref, ...(name !== undefined ? { name } : {}), ...(m.owner !== undefined ? { owner: m.owner as number } : {}) };
    }
    case "exit": {
      if ((m.state !== "done" && m.state !== "error") || !isFinite(m.t) || !isInt(m.exitCode)) return null;
      if (m.timers !== undefined && !(isInt(m.timers) && m.timers > 0)) return null;
      const ends = ringEndsFrom(m.ends);
      return {
        type: "exit", state: m.state, t: m.t, exitCode: m.exitCode,
        ...(ends ? { ends } : {}), ...(m.broken === true ? { broken: true as const } : {}), ...(m.timers !== undefined ? { timers: m.timers as number } : {}),
      };
    }
    case "late": {
      const counts = [m.events, m.lines, m.timers ?? 0, m.hostCalls ?? 0];
      if (!isInt(m.ident) || m.ident <= 0 || !counts.every((n) => isInt(n) && n >= 0)) return null;
      const [events, lines, timers, hostCalls] = counts as number[];
      return events + lines + timers + hostCalls > 0 ? { type: "late", ident: m.ident, events, lines, timers, hostCalls } : null;
    }
    case "os-exit":
      return isInt(m.exitCode) ? { type: "os-exit", exitCode: m.exitCode } : null;
    case "terminate":
      return isInt(m.pid) ? { type: "terminate", pid: m.pid } : null;
    case "thread-origin":
      return isInt(m.ident) && m.ident > 0 && isInt(m.pos) && m.pos >= 0 ? { type: "thread-origin", ident: m.ident, pos: m.pos } : null;
    case "idle":
      return typeof m.clean === "boolean" ? { type: "idle", clean: m.clean } : null;
    case "controlled":
      return isInt(m.end) && m.end >= 2 && m.end <= 5 ? { type: "controlled", end: m.end } : null;
    case "race": {
      const ints = [m.cell, m.access, m.site, m.t, m.prevIdent, m.prevAccess, m.prevSite, m.prevT];
      if (!ints.every((v) => isInt(v) && (v as number) >= 0) || (m.access !== 0 && m.access !== 1) || (m.prevAccess !== 0 && m.prevAccess !== 1)) return null;
      const [cell, access, site, t, prevIdent, prevAccess, prevSite, prevT] = ints as number[];
      return { type: "race", cell, access, site, t, prevIdent, prevAccess, prevSite, prevT };
    }
  }
  return null;
}
