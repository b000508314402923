// What a controlled run's step panel shows of the items in a queue or pipe
// (API.md §10: "queue contents in a side panel"): each put and get records,
// just before its QueuePut or QueueGet event, a QueueItem event naming a
// label whose text is the item as a learner reads it ('job 3', [1, 2]).
// The page lists a queue's items from them (session/step-words.ts).
//
// The text is made from the item put (a get: the copy it returns), and
// only from its own data properties: no getter, toString or name getter of
// the snippet is called, a typed array shows its length, not its elements,
// and an item that still throws shows as "?" (a Proxy's traps can run: the
// queue's own copying ran them already). Ordinary runs record nothing of
// the kind.

import { labelRef, refOf, type WorkerContext } from "../runtime/door";
import { EventKind } from "../trace/events";
import { kindInfo, kindOf } from "../trace/object-kinds";

const MAX_TEXT = 40;
const MAX_ENTRIES = 5;
const MAX_DEPTH = 2;

/** A function's own name, read from its descriptor (a static getter `name` is not called). */
function nameOf(fn: unknown): string {
  const name = typeof fn === "function" ? Object.getOwnPropertyDescriptor(fn, "name")?.value : undefined;
  return typeof name === "string" ? name : "";
}

function className(value: object): string {
  const proto = Object.getPrototypeOf(value) as object | null;
  return nameOf(proto ? Object.getOwnPropertyDescriptor(proto, "constructor")?.value : undefined);
}

function text(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return `'${value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value}'`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "function":
      return `<function ${nameOf(value) || "anonymous"}>`;
    case "object":
      break;
    default:
      return String(value);
  }
  if (value === null) return "null";
  const ref = refOf(value);
  if (ref !== undefined) return `<${kindInfo(kindOf(ref)).name}>`;
  if (ArrayBuffer.isView(value)) return `${className(value)}(${value.byteLength} bytes)`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[...]" : "{...}";
  if (Array.isArray(value)) {
    const shown: string[] = [];
    for (let i = 0; i < Math.min(value.length, MAX_ENTRIES); i++) {
      const d = Object.getOwnPropertyDescriptor(value, i);
      shown.push(d && "value" in d ? text(d.value, depth + 1) : "?");
    }
    return `[${shown.join(", ")}${value.length > MAX_ENTRIES ? ", ..." : ""}]`;
  }
  const name = className(value);
  const keys = Object.keys(value);
  const entries = keys.slice(0, MAX_ENTRIES).map((key) => {
    const d = Object.getOwnPropertyDescriptor(value, key);
    return `${key}: ${d && "value" in d ? text(d.value, depth + 1) : "?"}`;
  });
  return `${name && name !== "Object" ? `${name} ` : ""}{${entries.join(", ")}${keys.length > MAX_ENTRIES ? ", ..." : ""}}`;
}

/** The item as the step panel shows it, at most MAX_TEXT characters. */
export function itemText(value: unknown): string {
  let full: string;
  try {
    full = text(value, 0);
  } catch {
    full = "?";
  }
  return full.length > MAX_TEXT ? `${full.slice(0, MAX_TEXT - 1)}…` : full;
}

/** In a controlled run: names the item the put or get recorded next moves (EventKind.QueueItem). */
export function traceQueueItem(ctx: WorkerContext, item: unknown, tMs: number): void {
  if (ctx.control) ctx.traceFastAt(EventKind.QueueItem, 0, labelRef(itemText(item)), tMs);
}
