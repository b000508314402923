// One run of a search the runner runs itself (search-runner.ts), as the
// search needs it: its messages are kept here instead of going to the page,
// and at its end they say whether it failed, whether it cannot be
// controlled at all, and its outcome's key. The key is finer than the
// page's (session/explore.ts outcomeKey: its status and what it printed,
// tracebacks formatted): what makes the printed text is all in it (each
// line, each exception's thread, name, message and stack, each thread's
// notice and race report, in the order of their moments), so two runs the
// page would tell apart never share a key here. Two keys here may be one
// outcome there; the page merges them.
//
// An outcome's messages go to the page for it to format (the trace's
// events are dropped: no one draws a search's run). A run that printed more
// than KEPT_CHARS keeps its messages only so far: the page's replay of it
// then disagrees, and the search goes on with fresh workers, as it does
// whenever a shared run and its replay differ.

import type { FromRunner } from "../frame-protocol";
import type { ControlReport } from "../types";
import type { Tried } from "../search/search-loop";
import { fnv1a } from "../../base/text-hash";

/** the text of an outcome's messages kept for the page (each message counts MESSAGE_CHARS at least: a million named locks are not nothing) */
const KEPT_CHARS = 1 << 20;
const MESSAGE_CHARS = 64;
/** the key's text at most: past it, its length and hash */
const KEY_CHARS = 4096;
/** the printed text a key is made of at most, as much as the page keeps of a run's output (session/run-session.ts) */
const PRINTED_CHARS = 16 << 20;
/** threads whose start a key tells, as the page keeps them for race reports */
const MAX_ORIGINS = 10_000;

/** How failed runs' errors read on the page (session/run-session.ts): "Name: message". */
function errorText(name: string, message: string): string {
  return name && message ? `${name}: ${message}` : name || message;
}

/** A run's messages as kept for the page, and their size (as KEPT_CHARS counts it). */
export interface KeptRun {
  messages: FromRunner[];
  chars: number;
}

export interface RunProbe {
  /** where the run's supervisor sends what it would send the page */
  send(message: FromRunner): void;
  /** the run as the search takes it, once it has ended */
  readonly done: Promise<Tried<KeptRun>>;
}

/** `ack`: the page's acknowledgement of a chunk, which the probe gives instead (trace-backlog.ts sends the next on it). */
export function probeRun(ack: () => void): RunProbe {
  const kept: FromRunner[] = [];
  const lines: { t: number; text: string }[] = [];
  let keptChars = 0;
  let printedChars = 0;
  const print = (t: number, text: string) => {
    printedChars += text.length;
    if (printedChars <= PRINTED_CHARS) lines.push({ t: Number(t) || 0, text });
  };
  let errors: string[] = [];
  let problem: string | undefined;
  /** the threads' start lines and starters (the race detector's): its reports print them */
  const origins: string[] = [];
  let resolve!: (tried: Tried<KeptRun>) => void;
  const done = new Promise<Tried<KeptRun>>((r) => (resolve = r));
  const keep = (message: FromRunner, chars: number) => {
    keptChars += Math.max(chars, MESSAGE_CHARS);
    if (keptChars <= KEPT_CHARS) kept.push(message);
  };
  const send = (message: FromRunner) => {
    switch (message.type) {
      case "chunk": {
        const chunk = { ...message.chunk, events: [] };
        for (const line of chunk.output) print(line.t, line.text);
        keep({ ...message, chunk }, chunk.output.reduce((n, line) => n + line.text.length, 0));
        queueMicrotask(ack);
        return;
      }
      case "exception":
        errors.push(errorText(message.errorName, message.message));
        print(message.t + 1e-6, `\u0001${message.thread}\u0001${message.errorName}\u0001${message.message}\u0001${message.stack}`);
        return keep(message, message.message.length + message.stack.length);
      case "notice":
        // (The playground's own notices, ident 0, are not printed: the page marks them system.)
        if (message.ident) print(message.t, message.text);
        return keep(message, message.text.length);
      case "race": {
        // (Not its moments: the report prints where and by whom, and they change with every schedule.)
        const { thread, access, site, prevThread, prevAccess, prevSite, cell } = message;
        print(message.t, `\u0002${JSON.stringify([thread, access, site, prevThread, prevAccess, prevSite, cell])}`);
        return keep(message, 0);
      }
      case "thread-origin":
        if (origins.length < MAX_ORIGINS) origins.push(JSON.stringify([message.thread, message.parent, message.pos]));
        return keep(message, 0);
      case "end":
        problem = message.problem;
        kept.push(message);
        return resolve(tried(message));
      default:
        return keep(message, 0);
    }
  };
  const tried = (end: Extract<FromRunner, { type: "end" }>): Tried<KeptRun> => {
    const over = end.status === "stopped" || end.status === "timeout";
    const all = problem ? [...errors, problem] : errors;
    const refusal = over ? undefined : all.find((e) => /not supported in a controlled run/.test(e)) ?? problem;
    const control: ControlReport | undefined = end.control;
    errors = [];
    return {
      failed: !over && (end.status === "error" || end.status === "deadlock" || all.length > 0),
      timedOut: end.status === "timeout",
      refusal: refusal ?? null,
      key: `${end.status}\u0000${outputKey(lines, printedChars)}\u0000${origins.join(",")}${keptChars > KEPT_CHARS ? "\u0000partial" : ""}`,
      schedule: control?.schedule ?? "",
      ...(control ? { control } : {}),
      item: { messages: kept, chars: Math.min(keptChars, KEPT_CHARS) },
    };
  };
  return { send, done };
}

/**
 * What the run printed, in the order of its moments (stably), or its length
 * and hash when long; and how much it printed in all (past PRINTED_CHARS,
 * what it printed last is not in the text).
 */
function outputKey(lines: { t: number; text: string }[], printedChars: number): string {
  const text = lines.map((line, i) => ({ line, i })).sort((a, b) => a.line.t - b.line.t || a.i - b.i).map(({ line }) => line.text).join("\n");
  const all = printedChars > PRINTED_CHARS ? `+${printedChars}` : "";
  return text.length <= KEY_CHARS ? `=${text}${all}` : `#${text.length}#${fnv1a(text)}${fnv1a(text, 0x050c5d1f)}${all}`;
}
