// The runner's sandboxed frame element: its attributes, and the boot
// document a frame made early by the page's HTML waits in until the page's
// script brings it the runner (scripts/vite-early-start.ts makes that
// frame; runner-client.ts adopts it, or makes one like it). No imports:
// the build's HTML plugin reads these constants too.

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

/** the message that brings a boot frame the runner's script (RUNNER_SOURCE) */
export const RUNNER_BOOT_MESSAGE = "runner:boot";

/**
 * The document of a frame made before the runner's script has loaded: it
 * runs the first script its parent (the page) posts, once, and ignores any
 * other window, as the runner itself does (an embedding page can reach this
 * frame's window, but it is not its parent).
 */
export const RUNNER_BOOT_DOCUMENT =
  `<!doctype html><meta charset="utf-8"><title>runner</title><script>` +
  `addEventListener("message", function boot(e) {` +
  ` var d = e.data;` +
  ` if (e.source !== parent || !d || d.type !== "${RUNNER_BOOT_MESSAGE}" || typeof d.source !== "string") return;` +
  ` removeEventListener("message", boot);` +
  ` var s = document.createElement("script"); s.textContent = d.source; document.head.appendChild(s);` +
  ` });` +
  `</script>`;

/** the attribute a frame made early carries once its boot document has loaded */
export const BOOT_LOADED_ATTRIBUTE = "data-boot-loaded";
