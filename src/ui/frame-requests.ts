// The automation API by postMessage (shared/API.md §9, §10): a course page
// that embeds the playground in an iframe sends the requests
// `window.playground` answers (automation.ts), and hears "ready" and every
// run's end. Messages are taken from the parent frame only; by default from
// any origin (course pages live anywhere), or, when the page's address has
// `origin=<origin>`, from that origin only, and replies go only there. A
// malformed message is ignored, not answered; a refused request is answered
// with { error }.

import type { RunSettings } from "../runtime/types";
import type { PlaygroundApp } from "./playground-app";
import { MAX_CODE_CHARS, codeTooLong } from "../session/playground-runtime";
import { createAutomation, type PlaygroundAutomation } from "./automation";

/**
 * Installs `window.playground` and answers a parent frame's messages from
 * the origins `origins` allows; returns an uninstaller.
 */
export function installAutomation(app: PlaygroundApp, origins: OriginPolicy = { kind: "any" }): () => void {
  const automation = createAutomation(app);
  window.playground = automation;
  const parent = window.parent !== window ? window.parent : null;
  if (origins.kind === "none") console.warn(`playground: ignoring every message: ${origins.problem}`);

  const onMessage = (event: MessageEvent) => {
    if (!parent || event.source !== parent || !acceptsOrigin(origins, event.origin)) return;
    const request = parseRequest(event.data);
    if (!request) return;
    const target = origins.kind === "only" ? origins.origin : replyOrigin(event.origin);
    const reply = (result: unknown) => parent.postMessage({ type: "playground:result", id: request.id, result }, target);
    void app.ready.then(async () => {
      switch (request.type) {
        case "playground:run":
          return reply(await automation.run({ code: request.code, settings: request.settings, timeoutMs: request.timeoutMs }));
        case "playground:stop":
          automation.stop();
          return reply(null);
        case "playground:getCode":
          return reply(automation.getCode());
        case "playground:setCode":
          if (request.code !== undefined && request.code.length > MAX_CODE_CHARS) return reply({ error: codeTooLong(request.code.length) });
          if (request.code !== undefined) automation.setCode(request.code);
          return reply(null);
        case "playground:getTrace":
          return reply(automation.getTrace());
        case "playground:explore":
        case "playground:stepStart":
        case "playground:step":
        case "playground:stepBack":
          try {
            return reply(await controlledRequest(automation, request));
          } catch (error) {
            return reply({ error: error instanceof Error ? error.message : String(error) });
          }
      }
    });
  };
  window.addEventListener("message", onMessage);
  let stopTelling = () => {};
  // With origin= set, even "ready" goes to that origin only (a page of another origin is not told).
  if (parent && origins.kind !== "none") {
    const target = origins.kind === "only" ? origins.origin : "*";
    void app.ready.then(() => parent.postMessage({ type: "playground:ready" }, target));
    // Every run that ends in the frame, the learner's own (Run, Ctrl+Enter, autorun) included, so that a
    // course page can react to what the learner did, not only to the runs it asked for.
    stopTelling = app.stores.run.subscribe((s, prev) => {
      if (s.lastResult && s.lastResult !== prev.lastResult) parent.postMessage({ type: "playground:finished", result: s.lastResult }, target);
    });
  }

  return () => {
    stopTelling();
    window.removeEventListener("message", onMessage);
    if (window.playground === automation) delete window.playground;
  };
}

type FrameRequest = {
  type: "playground:run" | "playground:stop" | "playground:getCode" | "playground:setCode" | "playground:getTrace"
    | "playground:explore" | "playground:stepStart" | "playground:step" | "playground:stepBack";
  id: string | number;
  code?: string;
  settings?: RunSettings;
  timeoutMs?: number;
  /** explore's */
  maxSchedules?: number;
  mode?: "failure" | "outcomes";
  /** step's */
  thread?: string;
};

const REQUEST_TYPES: ReadonlySet<string> = new Set([
  "playground:run",
  "playground:stop",
  "playground:getCode",
  "playground:setCode",
  "playground:getTrace",
  "playground:explore",
  "playground:stepStart",
  "playground:step",
  "playground:stepBack",
]);

/** The controlled-run requests of API.md §10, by postMessage; a refusal is answered as { error }. */
async function controlledRequest(automation: PlaygroundAutomation, request: FrameRequest): Promise<unknown> {
  switch (request.type) {
    case "playground:explore": {
      const found = await automation.explore({ code: request.code, settings: request.settings, timeoutMs: request.timeoutMs, maxSchedules: request.maxSchedules, mode: request.mode });
      return found;
    }
    case "playground:stepStart":
      return automation.stepStart({ code: request.code, settings: request.settings });
    case "playground:step":
      return automation.step(request.thread ?? "");
    default:
      return automation.stepBack();
  }
}

/** The request in a message, or null for anything malformed (which is ignored, not answered). */
export function parseRequest(data: unknown): FrameRequest | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.type !== "string" || !REQUEST_TYPES.has(m.type)) return null;
  if (typeof m.id !== "string" && typeof m.id !== "number") return null;
  if (m.code !== undefined && typeof m.code !== "string") return null;
  if (m.timeoutMs !== undefined && typeof m.timeoutMs !== "number") return null;
  if (m.maxSchedules !== undefined && !Number.isInteger(m.maxSchedules)) return null;
  if (m.mode !== undefined && m.mode !== "failure" && m.mode !== "outcomes") return null;
  if (m.thread !== undefined && typeof m.thread !== "string") return null;
  const settings = parseSettings(m.settings);
  if (settings === null) return null;
  return {
    type: m.type as FrameRequest["type"],
    id: m.id,
    code: m.code as string | undefined,
    settings,
    timeoutMs: m.timeoutMs as number | undefined,
    ...(m.maxSchedules !== undefined ? { maxSchedules: m.maxSchedules as number } : {}),
    ...(m.mode !== undefined ? { mode: m.mode as "failure" | "outcomes" } : {}),
    ...(m.thread !== undefined ? { thread: (m.thread as string).slice(0, 256) } : {}),
  };
}

/**
 * A run request's settings: an object of them, kept as it came. Their values
 * are checked by the run (runtime/settings.ts), which fails with a message
 * naming a bad one (API.md §9): that is an answer, where a malformed message
 * gets none.
 */
function parseSettings(value: unknown): RunSettings | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return value as RunSettings;
}

/** Opaque origins (sandboxed frames, file:) can only be answered with "*". */
function replyOrigin(origin: string): string {
  return origin && origin !== "null" ? origin : "*";
}

/** Which parent origins may send requests: any, one, or none (an `origin=` that is not an origin fails closed). */
export type OriginPolicy = { kind: "any" } | { kind: "only"; origin: string } | { kind: "none"; problem: string };

/**
 * The policy for the page address's `origin=` value (null when absent). A
 * full URL is taken as its origin (`https://course.example/lesson` allows
 * https://course.example); only http(s) origins can be named.
 */
export function parseOriginPolicy(value: string | null): OriginPolicy {
  if (value === null || value.trim() === "") return { kind: "any" };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { kind: "none", problem: `origin=${value} is not an origin such as https://course.example` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { kind: "none", problem: `origin=${value} is not an http(s) origin` };
  }
  return { kind: "only", origin: url.origin };
}

export function acceptsOrigin(policy: OriginPolicy, origin: string): boolean {
  if (policy.kind === "any") return true;
  return policy.kind === "only" && origin === policy.origin;
}
