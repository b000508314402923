// The runner's reading of what a thread's worker says (protocol.ts FromThread).
// A worker runs the snippet's code, so a message is checked field by field
// and anything that is not exactly what the runtime sends is dropped; texts
// are cut to a bounded length so a message cannot flood the page.

import type { FromThread, SpawnPayload, ThreadRole } from "../protocol";

const MAX_TEXT = 64 * 1024;
const MAX_NAME = 256;
const ROLES: readonly ThreadRole[] = ["thread", "process", "pool-worker", "timer"];

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isFinite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const text = (v: unknown, max = MAX_TEXT): string | null => (typeof v === "string" ? v.slice(0, max) : null);

function spawnOf(value: unknown): SpawnPayload | null {
  if (typeof value !== "object" || value === null) return null;
  const s = value as Record<string, unknown>;
  const name = text(s.name, MAX_NAME);
  if (!isInt(s.ident) || name === null || !ROLES.includes(s.role as ThreadRole)) return null;
  return {
    ident: s.ident, name, role: s.role as ThreadRole,
    target: s.target, args: s.args, self: (s.self ?? null), snapshot: s.snapshot ?? {},
  };
}

/** The message, checked and trimmed, or null if it is not one the runtime sends. */
export function readThreadMessage(data: unknown): FromThread | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case "spawn": {
      const spawn = spawnOf(m.spawn);
      return spawn && { type: "spawn", spawn };
    }
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
    case "exit":
      if ((m.state !== "done" && m.state !== "error") || !isFinite(m.t) || !isInt(m.exitCode)) return null;
      return { type: "exit", state: m.state, t: m.t, exitCode: m.exitCode };
    case "os-exit":
      return isInt(m.exitCode) ? { type: "os-exit", exitCode: m.exitCode } : null;
    case "terminate":
      return isInt(m.pid) ? { type: "terminate", pid: m.pid } : null;
  }
  return null;
}
