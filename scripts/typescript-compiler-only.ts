// TypeScript without its language service and server, for the compiler's
// worker (src/session/compile-worker.ts), which uses the compiler alone:
// parse, bind, a checker for names, transform and emit.
//
// Why: typescript.js is one script of 9 MB, and the worker's cold start is
// mostly V8 parsing it (the first result of a cold page waits for that).
// Its services (completions, refactors, code fixes, formatting) and its
// server are 28% of it, and the compiler never reaches them: TypeScript's
// own build keeps src/compiler from importing src/services or src/server.
//
// How: the file is the bundle of TypeScript's sources, each introduced by a
// `// src/<path>` line, inside one function. The sections of the dropped
// folders go, but for services.ts (KEPT); everything else stays as it is. The export table keeps every
// name: each is a getter, so a dropped one throws only if read, and the
// compiler's code reads none (compiler-only.test.ts checks that every name
// src/compile reads is kept, and that the examples compile the same). If a
// TypeScript release lays the file out otherwise, the build fails here
// rather than ship a compiler that may break.

import type { Plugin } from "vite";

const TYPESCRIPT_FILE = /[\\/]node_modules[\\/]typescript[\\/]lib[\\/]typescript\.js$/;
const SECTION = /^\/\/ (src\/[^\n]+)$/gm;
const DROPPED = ["src/services/", "src/server/", "src/jsTyping/", "src/typingsInstallerCore/", "src/deprecatedCompat/", "src/typescript/_namespaces/ts.server.ts"];
/**
 * Kept of those: services.ts gives the nodes, symbols and source files
 * their methods (node.getStart(), sf.getLineAndCharacterOfPosition() ...),
 * which the snippet compiler calls as any TypeScript program may; without
 * it the compiler's plain objects, which have none, would take their place.
 */
const KEPT = ["src/services/services.ts"];
/** what the compiler needs: a file that lost any of these was not laid out as expected */
const REQUIRED = ["src/compiler/checker.ts", "src/compiler/emitter.ts", "src/compiler/program.ts", ...KEPT, "src/typescript/typescript.ts"];

export function compilerOnly(source: string): string {
  const marks = [...source.matchAll(SECTION)].map((m) => ({ at: m.index, path: m[1] }));
  const paths = new Set(marks.map((m) => m.path));
  const missing = REQUIRED.filter((path) => !paths.has(path));
  if (missing.length > 0) throw new Error(`typescript-compiler-only: typescript.js has no section ${missing.join(", ")}`);
  if (marks.at(-1)!.path !== "src/typescript/typescript.ts") throw new Error("typescript-compiler-only: typescript.js does not end with its own section");
  const kept = [source.slice(0, marks[0].at)];
  let dropped = 0;
  marks.forEach(({ at, path }, i) => {
    const section = source.slice(at, marks[i + 1]?.at ?? source.length);
    if (DROPPED.some((prefix) => path.startsWith(prefix)) && !KEPT.includes(path)) dropped += section.length;
    else kept.push(section);
  });
  if (dropped < source.length / 10) throw new Error(`typescript-compiler-only: only ${dropped} bytes of services and server found`);
  return kept.join("");
}

/** For the worker bundles: typescript.js as compilerOnly leaves it. */
export function typescriptCompilerOnly(): Plugin {
  return {
    name: "playground:typescript-compiler-only",
    transform(code, id) {
      return TYPESCRIPT_FILE.test(id) ? { code: compilerOnly(code), map: null } : null;
    },
  };
}
