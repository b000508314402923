// Helpers for bench cases: run a snippet through window.playground.run
// (shared/API.md §9) and read the measurements it prints as
// `print("BENCH:" + JSON.stringify(...))`.

export const MARK = "BENCH:";

/** Runs `code` in the page; returns the parsed BENCH line. Throws with the run's errors otherwise. */
export async function runMeasured(page, code, { timeoutMs = 120_000, settings } = {}) {
  const result = await page.evaluate(
    ({ code, timeoutMs, settings }) => window.playground.run({ code, timeoutMs, settings }),
    { code, timeoutMs, settings },
  );
  const errors = summarizeErrors(result.errors ?? []);
  // An exception in any thread (the run itself may still end "ok") spoils the measurement.
  if (result.status !== "ok" || errors.length) {
    throw new Error(`run ended "${result.status}"${errors.length ? `: ${errors.join("; ")}` : ""}`);
  }
  const line = result.output.find((l) => l.text.startsWith(MARK));
  if (!line) {
    const seen = result.output.map((l) => l.text).join(" | ").slice(0, 300);
    throw new Error(`the snippet printed no ${MARK} line (output: ${seen || "none"})`);
  }
  return JSON.parse(line.text.slice(MARK.length));
}

/** One entry per distinct message: "Thread-1 (+29 more) line 3: Error: ..." */
function summarizeErrors(errors) {
  const byMessage = new Map();
  for (const e of errors) {
    const key = `${e.line ? ` line ${e.line}` : ""}: ${e.message}`;
    byMessage.set(key, [...(byMessage.get(key) ?? []), e.thread]);
  }
  return [...byMessage].map(([key, threads]) => `${threads[0]}${threads.length > 1 ? ` (+${threads.length - 1} more)` : ""}${key}`);
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The nearest-rank 95th percentile (figures.py takes the same rank). */
export function p95(values) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.ceil(0.95 * v.length) - 1] : NaN;
}
