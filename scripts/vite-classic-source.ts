// `import source from "./entry.ts?classic-source"` gives the entry bundled,
// with everything it imports, into one classic script, as a string.
//
// Why: runs happen in a sandboxed frame (src/session/runner-frame.ts) whose
// origin is opaque, so that a run that exhausts memory takes down that
// frame's process and not the page's. A document with an opaque origin can
// neither start a worker from an http URL nor a module worker from a blob,
// but it can start a classic worker from a blob made of source text. Vite
// can only make module workers in dev, so this plugin bundles such entries
// itself, with the rolldown that Vite is built on, the same way in dev and
// in a build (minified there, with class names kept: the runtime names the
// API's classes in messages).

import type { Plugin } from "vite";

const QUERY = "?classic-source";

export function classicSource(): Plugin {
  let minify = false;
  return {
    name: "playground:classic-source",
    enforce: "pre",
    configResolved(config) {
      minify = config.command === "build";
    },
    async resolveId(id, importer) {
      if (!id.endsWith(QUERY)) return null;
      const resolved = await this.resolve(id.slice(0, -QUERY.length), importer, { skipSelf: true });
      return resolved ? resolved.id + QUERY : null;
    },
    async load(id) {
      if (!id.endsWith(QUERY)) return null;
      const entry = id.slice(0, -QUERY.length);
      const { rolldown } = await import("rolldown");
      const bundle = await rolldown({ input: entry, platform: "browser", logLevel: "warn" });
      try {
        const { output } = await bundle.generate({ format: "iife", minify, keepNames: true, codeSplitting: false });
        for (const file of await bundle.watchFiles) this.addWatchFile(file);
        const code = output.map((chunk) => (chunk.type === "chunk" ? chunk.code : "")).join("\n");
        return `export default ${JSON.stringify(code)};`;
      } finally {
        await bundle.close();
      }
    },
  };
}
