// A run's settings (API.md §9): their defaults, their ranges, and the one
// rule for where a run's settings come from. Every entry (the automation
// API, postMessage, a share link, the snippet's first-line pragma, the
// toolbar) goes through checkSettings, so a value out of range or of the
// wrong type is refused with a message that names the setting, wherever it
// came from, and nothing runs.
//
// Precedence, lowest first: the defaults, the toolbar (which a share link
// or an embed's address sets when the page opens), the snippet's pragma (the
// code says what it needs), and the settings passed with one run request
// (window.playground.run, postMessage), which win for that run.

import { decodeSchedule } from "./control/schedule-codec";
import { MAX_STEPS } from "./control/control-memory";

export interface RunSettings {
  gil?: boolean;
  switchIntervalMs?: number;
  maxThreads?: number;
  controlled?: boolean;
  seed?: number;
  schedule?: string;
  raceDetector?: boolean;
}

export type SettingName = keyof RunSettings;

export interface ResolvedSettings {
  gil: boolean;
  switchIntervalMs: number;
  maxThreads: number;
  controlled: boolean;
  seed?: number;
  schedule?: string;
  raceDetector: boolean;
}

export const DEFAULT_SETTINGS: Readonly<ResolvedSettings> = Object.freeze({
  gil: false,
  /** CPython's sys.getswitchinterval(): 5 ms */
  switchIntervalMs: 5,
  maxThreads: 64,
  controlled: false,
  raceDetector: false,
});

export const SWITCH_INTERVAL_RANGE_MS = { min: 0.05, max: 10_000 } as const;
export const MAX_THREADS_RANGE = { min: 1, max: 256 } as const;
const MAX_SEED = 0xffffffff;
/** a schedule of MAX_STEPS steps is at most 3 characters a step (codec: an ident of 2 base-36 digits and a "."); with room */
export const MAX_SCHEDULE_LENGTH = 4 * MAX_STEPS;
const SCHEDULE_CHARS = /^[A-Za-z0-9_.~-]*$/;

const BOOLEANS: readonly SettingName[] = ["gil", "controlled", "raceDetector"];
const KNOWN: readonly SettingName[] = ["gil", "switchIntervalMs", "maxThreads", "controlled", "seed", "schedule", "raceDetector"];

export type SettingsCheck = { ok: true; settings: RunSettings } | { ok: false; error: string };

function problem(name: string, value: unknown, expected: string): string {
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  return `setting ${name} must be ${expected}, got ${shown}`;
}

/** The longest a run may be given: a timer's limit (2^31 - 1 ms, about 24.8 days); past it, a timer fires at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** A run's or a search's `timeoutMs`: its problem, or null when it is absent or valid. */
export function checkTimeout(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === "number" && value > 0 && value <= MAX_TIMEOUT_MS
    ? null
    : problem("timeoutMs", value, `a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}`);
}

/** One setting's problem, or null when `value` is valid for it. */
export function checkSetting(name: SettingName, value: unknown): string | null {
  if (BOOLEANS.includes(name)) return typeof value === "boolean" ? null : problem(name, value, "true or false");
  switch (name) {
    case "switchIntervalMs": {
      const { min, max } = SWITCH_INTERVAL_RANGE_MS;
      return typeof value === "number" && value >= min && value <= max ? null : problem(name, value, `a number of milliseconds from ${min} to ${max}`);
    }
    case "maxThreads": {
      const { min, max } = MAX_THREADS_RANGE;
      return Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? null : problem(name, value, `a whole number from ${min} to ${max}`);
    }
    case "seed":
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_SEED ? null : problem(name, value, `a whole number from 0 to ${MAX_SEED}`);
    case "schedule":
      if (!(typeof value === "string" && value.length <= MAX_SCHEDULE_LENGTH && SCHEDULE_CHARS.test(value))) {
        return problem(name, value, `a schedule string of at most ${MAX_SCHEDULE_LENGTH} URL-safe characters (RunResult.schedule)`);
      }
      // Read now, not at the run: a schedule no run can take ("", a part that is not one) is refused wherever it came from,
      // before a toolbar keeps it for the runs after.
      {
        const decoded = decodeSchedule(value, MAX_STEPS);
        return decoded.ok ? null : problem(name, value, `a schedule a controlled run made (RunResult.schedule): ${decoded.error}`);
      }
  }
  return `unknown setting ${String(name)}`;
}

/**
 * Checks settings from an entry named `from` ("settings", "the pragma", "the
 * link"...). Unknown keys and undefined values are left out; the first
 * invalid value fails the whole check.
 */
export function checkSettings(input: unknown, from = "settings"): SettingsCheck {
  if (input === undefined || input === null) return { ok: true, settings: {} };
  if (typeof input !== "object" || Array.isArray(input)) return { ok: false, error: `${from} must be an object of settings` };
  const settings: Record<string, unknown> = {};
  for (const name of KNOWN) {
    const value = (input as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const error = checkSetting(name, value);
    if (error) return { ok: false, error: `${from}: ${error}` };
    settings[name] = value;
  }
  return { ok: true, settings: settings as RunSettings };
}

/** The settings in force: `layers` from lowest to highest precedence (see the header). */
export function resolveSettings(...layers: (RunSettings | undefined)[]): ResolvedSettings {
  const resolved: ResolvedSettings = { ...DEFAULT_SETTINGS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const name of KNOWN) {
      const value = layer[name];
      if (value !== undefined) (resolved as unknown as Record<string, unknown>)[name] = value;
    }
  }
  return resolved;
}
