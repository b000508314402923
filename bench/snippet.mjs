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
  const errors = (result.errors ?? []).map((e) => `${e.thread}${e.line ? ` line ${e.line}` : ""}: ${e.message}`);
  if (result.status !== "ok") {
    throw new Error(`run ended "${result.status}"${errors.length ? `: ${errors.join("; ")}` : ""}`);
  }
  const line = result.output.find((l) => l.text.startsWith(MARK));
  if (!line) {
    const seen = result.output.map((l) => l.text).join(" | ").slice(0, 300);
    throw new Error(`the snippet printed no ${MARK} line (output: ${seen || "none"})`);
  }
  return JSON.parse(line.text.slice(MARK.length));
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
