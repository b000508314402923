// run.firstLine.ms: what a learner waits after pressing Run, for a one-line
// program: from calling window.playground.run({ code }) in the page until
// the printed line shows in the page's DOM (outside the editor), measured
// in the page with performance.now() and a MutationObserver. Each run prints
// a fresh marker string, so a line left from an earlier run is never
// mistaken for this one (and each run compiles anew, as after an edit).
// One warm-up run first; the median of RUNS. run.firstLine.afterEdit.ms
// (report only): the same, with the code put in the editor EDIT_PAUSE_MS
// before Run is pressed, as a learner types and then runs.
// If the line never appears in the DOM, the figure falls back to the time
// until run()'s promise resolves (the note says so), an upper bound that
// includes the end of the run.
import { median } from "../snippet.mjs";

const RUNS = 15;
const DOM_GRACE_MS = 2_000;
/** the learner's pause between an edit and Run, for run.firstLine.afterEdit.ms (longer than the page's check delay) */
const EDIT_PAUSE_MS = 700;

async function measure(runs, graceMs, pauseMs) {
  const api = window.playground;
  const snippet = (marker) => `import { print } from "playground"; print(${JSON.stringify(marker)})`;
  const outsideEditor = (node) => {
    const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return !el?.closest(".monaco-editor, .monaco-aria-container, textarea");
  };
  const warm = await api.run({ code: snippet("warm-up") });
  if (warm.status !== "ok") return { error: `warm-up run ended "${warm.status}": ${JSON.stringify(warm.errors)}` };
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const marker = `first-line-${i}-${Math.random().toString(36).slice(2, 10)}`;
    let seenAt = null;
    let onSeen = () => {};
    const check = (records) => {
      for (const r of records) {
        const nodes = r.type === "characterData" ? [r.target] : r.addedNodes;
        for (const n of nodes) {
          if (seenAt === null && n.textContent?.includes(marker) && outsideEditor(n)) {
            seenAt = performance.now();
            onSeen();
          }
        }
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    // After an edit: the code goes into the editor, the learner pauses, then presses Run (the page checks the code meanwhile).
    if (pauseMs > 0) {
      api.setCode(snippet(marker));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    const t0 = performance.now();
    const result = await api.run(pauseMs > 0 ? {} : { code: snippet(marker) });
    const resolvedAt = performance.now();
    if (seenAt === null) {
      await new Promise((resolve) => {
        onSeen = resolve;
        setTimeout(resolve, graceMs);
      });
    }
    observer.disconnect();
    if (result.status !== "ok" || result.output[0]?.text !== marker) {
      return { error: `run ${i} ended "${result.status}" with output ${JSON.stringify(result.output)} errors ${JSON.stringify(result.errors)}` };
    }
    samples.push({ domMs: seenAt === null ? null : seenAt - t0, resolveMs: resolvedAt - t0, printT: result.output[0].t });
  }
  return { samples };
}

export default {
  name: "run.firstLine.ms",
  goal: "<= 25",
  async run(page) {
    // `measure` runs in the page: send its source, not a closure.
    const { error, samples } = await page.evaluate(`(${measure.toString()})(${RUNS}, ${DOM_GRACE_MS}, 0)`);
    if (error) throw new Error(error);
    const edited = await page.evaluate(`(${measure.toString()})(${RUNS}, ${DOM_GRACE_MS}, ${EDIT_PAUSE_MS})`);
    if (edited.error) throw new Error(edited.error);
    const afterEdit = {
      name: "run.firstLine.afterEdit.ms", goal: "report", unit: "ms",
      value: median(edited.samples.map((s) => (s.domMs === null ? s.resolveMs : s.domMs))),
      note: `Run pressed ${EDIT_PAUSE_MS} ms after the code went into the editor (as after typing), call -> line in DOM, median of ${RUNS}`,
    };
    const printT = median(samples.map((s) => s.printT)).toFixed(2);
    if (samples.every((s) => s.domMs !== null)) {
      return { value: median(samples.map((s) => s.domMs)), unit: "ms", note: `call -> line in DOM, median of ${RUNS}; print at t=${printT} ms after run start`, also: [afterEdit] };
    }
    return {
      value: median(samples.map((s) => s.resolveMs)),
      unit: "ms",
      note: `call -> run() resolved (line not seen in the DOM), median of ${RUNS}; print at t=${printT} ms after run start`,
      also: [afterEdit],
    };
  },
};
