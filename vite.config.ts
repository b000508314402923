/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { classicSource } from "./scripts/vite-classic-source.ts";

// SharedArrayBuffer and Atomics.wait need a cross-origin isolated page.
// COOP+COEP isolate a top-level page; Document-Isolation-Policy isolates the
// page by itself, which is what lets it run inside a course page's iframe.
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Document-Isolation-Policy": "isolate-and-require-corp",
};

export default defineConfig({
  plugins: [react(), classicSource()],
  server: { headers: isolationHeaders, host: "127.0.0.1", port: 5173 },
  preview: { headers: isolationHeaders, host: "127.0.0.1", port: 4173 },
  // keepNames: the runtime and error messages name the API's classes (Thread,
  // Timer, Process ...), which minification would otherwise rename.
  worker: { format: "es", rolldownOptions: { output: { keepNames: true } } },
  build: { target: "es2022", chunkSizeWarningLimit: 12000, rolldownOptions: { output: { keepNames: true } } },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    testTimeout: 20000,
  },
});
