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
// (src/session/runner-frame-element.ts) until the app posts it the runner's
// script; src/session/compile-client.ts and runner-client.ts adopt the two.
// In dev (no hashed file names) the app makes both itself, as it does if
// these scripts did not run.
//
// Build-only; the build fails if the compiler's worker file is missing,
// rather than ship a page that quietly starts late.

import type { HtmlTagDescriptor, Plugin } from "vite";
import { BOOT_LOADED_ATTRIBUTE, RUNNER_BOOT_DOCUMENT, RUNNER_FRAME_ATTRIBUTES } from "../src/session/runner-frame-element.ts";

/** the globals the inline scripts leave their Worker and frame under (compile-client.ts, runner-client.ts take them) */
export const EARLY_COMPILER_GLOBAL = "__playgroundEarlyCompiler";
export const EARLY_RUNNER_GLOBAL = "__playgroundEarlyRunner";
const WORKER_FILE = /(^|\/)compile-worker-[\w-]+\.js$/;

/** In <head>: the compiler's worker (a Worker that cannot be made here is made by the app). */
function compilerScript(url: string): string {
  return `try { window.${EARLY_COMPILER_GLOBAL} = new Worker(new URL(${JSON.stringify(url)}, location.href), { type: "module", name: "playground-compiler" }); } catch (e) {}`;
}

/** First in <body> (the frame needs a body to be rendered in): the runner's frame, with its boot document. */
function runnerScript(): string {
  return `try { (function () {
  var f = document.createElement("iframe"), a = ${JSON.stringify(RUNNER_FRAME_ATTRIBUTES)};
  for (var k in a) f.setAttribute(k, a[k]);
  f.srcdoc = ${JSON.stringify(RUNNER_BOOT_DOCUMENT)};
  f.addEventListener("load", function () { f.setAttribute(${JSON.stringify(BOOT_LOADED_ATTRIBUTE)}, ""); }, { once: true });
  document.body.appendChild(f);
  window.${EARLY_RUNNER_GLOBAL} = f;
})(); } catch (e) {}`.replace(/<\//g, "<\\/");
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
          { tag: "script", children: compilerScript(base + files[0]), injectTo: "head-prepend" },
          { tag: "script", children: runnerScript(), injectTo: "body-prepend" },
        ];
      },
    },
  };
}
