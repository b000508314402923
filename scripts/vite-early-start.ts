// Starts the runner's frame from the HTML page itself, before the app's
// bundle has been fetched and run, so that the frame's process and the
// runner's first workers are up by the time the page can run.
//
// Why, measured cold on 2 cores (a one-line run at `ready`): the bundle took
// 0.6-1.0 s to fetch, run and render before it made the runner's frame,
// which then got its process and booted its first workers only after that,
// so that a run asked for at `ready` waited up to 0.5 s more for a worker.
// An inline script runs as soon as the HTML is parsed. The frame made here
// holds a boot document (src/session/page-boot.ts) until the app posts it
// the runner's script; src/session/runner-client.ts adopts it.
//
// Not the compiler's worker, though it was tried (0.1 s sooner first
// results): its 0.8 MB of script would then load before the editor shows,
// which bench bundle.initial.kb keeps under 350 KB for a slow link.
// If this script did not run, the app makes the frame itself, the same way.

import type { HtmlTagDescriptor, Plugin } from "vite";
import { BOOT_LOADED_ATTRIBUTE, EARLY_RUNNER_GLOBAL, RUNNER_FRAME_ATTRIBUTES, runnerBootDocumentParts } from "../src/session/page-boot.ts";

/** A value for an inline script: JSON, with no "<" that could end the script or open a comment. */
const literal = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

// The script does nothing on a page that is not cross-origin isolated: it
// cannot run (or the service worker is about to reload it isolated).

/** First in <body> (the frame needs a body to be rendered in): the runner's frame, its boot document keyed afresh. */
function runnerScript(): string {
  const [before, after] = runnerBootDocumentParts();
  return `if (self.crossOriginIsolated) try { (function () {
  var b = new Uint8Array(16), k = "", f = document.createElement("iframe"), a = ${literal(RUNNER_FRAME_ATTRIBUTES)};
  crypto.getRandomValues(b);
  for (var i = 0; i !== 16; i++) k += (b[i] + 256).toString(16).slice(1);
  for (var n in a) f.setAttribute(n, a[n]);
  f.srcdoc = ${literal(before)} + k + ${literal(after)};
  f.addEventListener("load", function () { f.setAttribute(${literal(BOOT_LOADED_ATTRIBUTE)}, ""); }, { once: true });
  document.body.appendChild(f);
  window.${EARLY_RUNNER_GLOBAL} = { frame: f, key: k };
})(); } catch (e) {}`;
}

export function earlyStart(): Plugin {
  return {
    name: "playground:early-start",
    transformIndexHtml: {
      order: "post",
      handler: (): HtmlTagDescriptor[] => [{ tag: "script", children: runnerScript(), injectTo: "body-prepend" }],
    },
  };
}
