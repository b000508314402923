// The runner's frame, which the page's HTML makes before the app's script
// has loaded (scripts/vite-early-start.ts), and how the app knows and
// adopts it: the global it is left under, its attributes and the boot
// document it waits in until the page brings it the runner. The app makes
// its own runner frames (after a crash, or if that script did not run) the
// same way. No imports but the frame protocol's: the HTML plugin reads
// these constants too.

import { RUNNER_KEY_GLOBAL } from "../runtime/frame-protocol";

/** where the body's script leaves { frame, key } of the runner's frame (runner-client.ts takes it) */
export const EARLY_RUNNER_GLOBAL = "__playgroundEarlyRunner";

/**
 * sandbox="allow-scripts" alone: an opaque origin, a process of its own.
 * allow="cross-origin-isolated": the page's isolation passes down, so its
 * workers get SharedArrayBuffer and Atomics.wait. Not display:none: a frame
 * that is not rendered gets its timers slowed down.
 */
export const RUNNER_FRAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  sandbox: "allow-scripts",
  allow: "cross-origin-isolated",
  "aria-hidden": "true",
  tabindex: "-1",
  title: "runner",
  class: "runner-frame",
  style: "position:absolute;width:0;height:0;border:0;left:-10px;top:-10px",
};

/** the message that brings a boot document the runner's script (RUNNER_SOURCE) */
export const RUNNER_BOOT_MESSAGE = "runner:boot";
/** the attribute a frame made by the page's HTML carries once its boot document has loaded */
export const BOOT_LOADED_ATTRIBUTE = "data-boot-loaded";
const KEY_PLACEHOLDER = "%RUNNER_KEY%";
const KEY = /^[0-9a-f]{32}$/;

/**
 * The document a runner frame is made with: it runs the first script its
 * parent (the page) posts, once, and ignores every other window. Its key,
 * random and written only here, is what the runner says back when it is
 * ready: a page that embeds the playground can reach this frame, and even
 * navigate it to a document of its own, which would then be posted the
 * page's port; such a document cannot know the key, and is not used.
 */
const BOOT_TEMPLATE =
  `<!doctype html><meta charset="utf-8"><title>runner</title><script>` +
  `var ${RUNNER_KEY_GLOBAL} = "${KEY_PLACEHOLDER}";` +
  `addEventListener("message", function boot(e) {` +
  ` var d = e.data;` +
  ` if (e.source !== parent || !d || d.type !== "${RUNNER_BOOT_MESSAGE}" || typeof d.source !== "string") return;` +
  ` removeEventListener("message", boot);` +
  ` var s = document.createElement("script"); s.textContent = d.source; document.head.appendChild(s);` +
  ` });` +
  `</script>`;

export function isRunnerKey(key: unknown): key is string {
  return typeof key === "string" && KEY.test(key);
}

export function runnerBootDocument(key: string): string {
  if (!isRunnerKey(key)) throw new Error("a runner key is 32 hex digits");
  return BOOT_TEMPLATE.replace(KEY_PLACEHOLDER, key);
}

/** The boot document's two halves around its key, for the page's HTML script, which draws the key itself. */
export function runnerBootDocumentParts(): [string, string] {
  const [before, after] = BOOT_TEMPLATE.split(KEY_PLACEHOLDER);
  return [before, after];
}
