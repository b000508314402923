// Starts the compiler's worker and the runner's frame from the HTML page
// itself, before the app's bundle has been fetched and run, so that the two
// slowest parts of a cold first result begin at once instead of after it.
//
// Why, measured cold on 2 cores (a one-line run at `ready`): the bundle took
// 0.6-1.0 s to fetch, run and render before its first compile created the
// compiler's worker, which then spent 0.7-1.2 s loading TypeScript; and the
// runner's frame, made once the runner's chunk had loaded, got its process
// and booted its first workers only after that, so that a run asked for at
// `ready` waited 0.5 s more for a worker. Inline scripts run as soon as the
// HTML is parsed. The frame made here holds a boot document
// (src/session/page-boot.ts) until the app posts it the runner's script;
// src/session/compile-client.ts and runner-client.ts adopt the two.
//
// Build-only (the worker's file name is known then): in dev the app makes
// both itself, as it does if these scripts did not run. The build fails if
// the compiler's worker file is missing, rather than ship a page that
// quietly starts late.

import type { HtmlTagDescriptor, Plugin } from "vite";
import {
  BOOT_LOADED_ATTRIBUTE, COMPILER_WORKER_NAME, EARLY_COMPILER_GLOBAL, EARLY_RUNNER_GLOBAL, RUNNER_FRAME_ATTRIBUTES, runnerBootDocumentParts,
} from "../src/session/page-boot.ts";

const WORKER_FILE = /(^|\/)compile-worker-[\w-]+\.js$/;

/** A value for an inline script: JSON, with no "<" that could end the script or open a comment. */
const literal = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

// Both scripts do nothing on a page that is not cross-origin isolated: it
// cannot run (or the service worker is about to reload it isolated), and
// the app makes the compiler's worker itself if it needs one.

/** At the end of <head>, after the requests for the app's script and style, which a slow link should bring first. */
function compilerScript(url: string): string {
  return `if (self.crossOriginIsolated) try { window.${EARLY_COMPILER_GLOBAL} = new Worker(new URL(${literal(url)}, location.href), { type: "module", name: ${literal(COMPILER_WORKER_NAME)} }); } catch (e) {}`;
}

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
  let base = "/";
  return {
    name: "playground:early-start",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, context): HtmlTagDescriptor[] {
        const files = Object.keys(context.bundle ?? {}).filter((file) => WORKER_FILE.test(file));
        if (files.length !== 1) throw new Error(`early start: expected one compile-worker file in the bundle, found ${files.length}`);
        return [
          { tag: "script", children: compilerScript(base + files[0]), injectTo: "head" },
          { tag: "script", children: runnerScript(), injectTo: "body-prepend" },
        ];
      },
    },
  };
}
