#!/usr/bin/env node
// Reads the log of `npm test` (Vitest, then Playwright) and prints one plain
// closing line, "tests: N passed, N failed[, N skipped]", adding both
// runners up. Used by .ci/run so CI sees one count for the whole suite.
// Prints nothing when it finds no counts (it never invents a zero).
// Usage: node scripts/test-summary.mjs LOGFILE
import { readFileSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

const log = stripVTControlCharacters(readFileSync(process.argv[2], "utf8"));
const total = { passed: 0, failed: 0, skipped: 0 };
let found = false;

// Vitest: " Tests  2 failed | 40 passed | 1 skipped (43)"
for (const m of log.matchAll(/^\s*Tests\s+(.+)\(\d+\)\s*$/gm)) {
  found = true;
  for (const [, n, what] of m[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    total[what === "todo" ? "skipped" : what] += Number(n);
  }
}
// Playwright's list reporter: "  12 passed (5.3s)", "  1 failed", "  2 skipped", "  1 flaky"
for (const m of log.matchAll(/^\s{2}(\d+) (passed|failed|skipped|flaky|did not run|interrupted)(?: \([\d.]+(?:ms|s|m|h)\))?\s*$/gm)) {
  found = true;
  const kind = { passed: "passed", flaky: "passed", failed: "failed", interrupted: "failed" }[m[2]] ?? "skipped";
  total[kind] += Number(m[1]);
}

if (found && total.passed + total.failed + total.skipped > 0) {
  console.log(`tests: ${total.passed} passed, ${total.failed} failed` + (total.skipped ? `, ${total.skipped} skipped` : ""));
}
