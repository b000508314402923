/// <reference types="vitest/config" />
import { defineConfig, type Connect, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { classicSource } from "./scripts/vite-classic-source.ts";
import { earlyStart } from "./scripts/vite-early-start.ts";
import { precompressed } from "./scripts/vite-precompressed.ts";
import { typescriptCompilerOnly } from "./scripts/typescript-compiler-only.ts";

// SharedArrayBuffer and Atomics.wait need a cross-origin isolated page.
// COOP+COEP isolate a top-level page; Document-Isolation-Policy isolates the
// page by itself, which is what lets it run inside a course page's iframe.
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Document-Isolation-Policy": "isolate-and-require-corp",
};

/**
 * Pages served WITHOUT the isolation headers. The Perfetto relay
 * (public/perfetto-relay.html, README "Open in Perfetto") must post a trace
 * to a window or frame of another origin: COOP same-origin would put it in
 * a browsing context group of its own, cut off from a window it opens, and
 * COEP / Document-Isolation-Policy would refuse Perfetto's frame. It needs
 * no SharedArrayBuffer. public/coi-serviceworker.js leaves it alone too.
 * Listed without ".html" as well: Vite's servers (and many hosts) serve
 * the page at that address too.
 */
export const UNISOLATED_PAGES = ["/perfetto-relay.html", "/perfetto-relay"];

const ISOLATION_HEADER_NAMES = new Set(Object.keys(isolationHeaders).map((name) => name.toLowerCase()));

const isIsolationHeader = (name: unknown) => typeof name === "string" && ISOLATION_HEADER_NAMES.has(name.toLowerCase());

/** writeHead's headers (an object, or a flat [name, value, ...] list) without the isolation headers. */
function withoutIsolation(headers: unknown): unknown {
  if (Array.isArray(headers)) return headers.filter((_, i) => i % 2 === 1 ? !isIsolationHeader(headers[i - 1]) : !isIsolationHeader(headers[i]));
  if (headers && typeof headers === "object") return Object.fromEntries(Object.entries(headers).filter(([name]) => !isIsolationHeader(name)));
  return headers;
}

/**
 * Vite's servers add the headers above in more than one way (res.setHeader
 * for static files, writeHead's argument for HTML pages). Every response
 * goes through writeHead (Node calls it for an implicit head too), so that
 * is where the unisolated pages lose them, however they were added.
 */
function withoutIsolationFor(pages: string[]): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? "").split(/[?#]/)[0];
    if (pages.some((page) => path.endsWith(page))) {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
      res.writeHead = ((...args: unknown[]) => {
        for (const name of ISOLATION_HEADER_NAMES) res.removeHeader(name);
        return writeHead(...args.map((arg, i) => (i === 0 ? arg : withoutIsolation(arg))));
      }) as typeof res.writeHead;
    }
    next();
  };
  return {
    name: "without-isolation-for",
    configureServer: (server) => { server.middlewares.use(middleware); },
    configurePreviewServer: (server) => { server.middlewares.use(middleware); },
  };
}

export default defineConfig({
  plugins: [react(), classicSource(), earlyStart(), withoutIsolationFor(UNISOLATED_PAGES), precompressed()],
  server: { headers: isolationHeaders, host: "127.0.0.1", port: 5173 },
  preview: { headers: isolationHeaders, host: "127.0.0.1", port: 4173 },
  // keepNames: the runtime and error messages name the API's classes (Thread,
  // Timer, Process ...), which minification would otherwise rename.
  // The compiler's worker bundles TypeScript: the compiler alone (scripts/typescript-compiler-only.ts).
  worker: { format: "es", plugins: () => [typescriptCompilerOnly()], rolldownOptions: { output: { keepNames: true } } },
  build: { target: "es2022", chunkSizeWarningLimit: 12000, rolldownOptions: { output: { keepNames: true } } },
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 20000,
  },
});
