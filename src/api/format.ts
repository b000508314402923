// How print() shows values: strings as they are at the top level, and
// containers the way a learner coming from Python expects to read them
// ([1, 2, 3], {'a': 1}), without JSON's quoting noise or [object Object].

const MAX_DEPTH = 4;
const MAX_ITEMS = 100;

function formatString(value: string, nested: boolean): string {
  return nested ? `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : value;
}

function formatItems(items: unknown[], depth: number, seen: Set<object>): string {
  const shown = items.slice(0, MAX_ITEMS).map((item) => format(item, true, depth + 1, seen));
  if (items.length > MAX_ITEMS) shown.push(`... ${items.length - MAX_ITEMS} more`);
  return shown.join(", ");
}

function format(value: unknown, nested: boolean, depth: number, seen: Set<object>): string {
  if (typeof value === "string") return formatString(value, nested);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `<function ${value.name || "anonymous"}>`;
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return "[...]";
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[...]" : "{...}";
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${formatItems(value, depth, seen)}]`;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const items = Array.from(value as unknown as ArrayLike<unknown>);
      return `${value.constructor.name}(${items.length}) [${formatItems(items, depth, seen)}]`;
    }
    if (value instanceof Map) {
      const entries = [...value].slice(0, MAX_ITEMS)
        .map(([k, v]) => `${format(k, true, depth + 1, seen)}: ${format(v, true, depth + 1, seen)}`);
      return `Map {${entries.join(", ")}}`;
    }
    if (value instanceof Set) return `Set {${formatItems([...value], depth, seen)}}`;
    const custom = (value as { toString?: () => string }).toString;
    if (typeof custom === "function" && custom !== Object.prototype.toString) return String(custom.call(value));
    const entries = Object.keys(value).slice(0, MAX_ITEMS)
      .map((k) => `${formatString(k, true)}: ${format((value as Record<string, unknown>)[k], true, depth + 1, seen)}`);
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    const prefix = name && name !== "Object" ? `${name} ` : "";
    return `${prefix}{${entries.join(", ")}}`;
  } finally {
    seen.delete(value);
  }
}

/** Python's repr() of a value: strings quoted ('boom'), containers as print shows them. */
export function reprValue(value: unknown): string {
  return format(value, true, 0, new Set());
}

/** The text of one print() call: values separated by `sep`. */
export function formatValues(values: unknown[], sep = " "): string {
  return values.map((v) => format(v, false, 0, new Set())).join(sep);
}
