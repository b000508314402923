// The compiler's worker bundles TypeScript as compilerOnly leaves it: it
// must hold every name the snippet compiler reads, and compile the same.
// The snippet compiler's `typescript` is mocked by a proxy to one of two
// copies evaluated here, the whole file and the compiler-only one, so each
// example is compiled by both.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { compilerOnly } from "./typescript-compiler-only";

type Ts = typeof import("typescript");

const use = vi.hoisted(() => ({ ts: null as Ts | null }));
vi.mock("typescript", () => ({
  default: new Proxy({}, { get: (_, key) => (use.ts as unknown as Record<PropertyKey, unknown>)[key] }),
}));

const require = createRequire(import.meta.url);
const FILE = require.resolve("typescript/lib/typescript.js");
const source = readFileSync(FILE, "utf8");

/** A fresh copy of TypeScript from `code` (its own module object, as a CommonJS require would make). */
function evaluate(code: string): Ts {
  const module = { exports: {} as Ts };
  new Function("module", "exports", "require", "__filename", "__dirname", code)(module, module.exports, require, FILE, "");
  return module.exports;
}

const whole = evaluate(source);
const stripped = compilerOnly(source);
const compilerTs = evaluate(stripped);
use.ts = whole;

/** every `ts.name` the snippet compiler and its worker read */
function namesRead(): string[] {
  const files = readdirSync(new URL("../src/compile/", import.meta.url)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "test-host.ts");
  const sources = [...files.map((f) => readFileSync(new URL(`../src/compile/${f}`, import.meta.url), "utf8")), readFileSync(new URL("../src/session/compile-worker.ts", import.meta.url), "utf8")];
  return [...new Set(sources.flatMap((text) => [...text.matchAll(/\bts\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1])))].sort();
}

describe("compilerOnly", () => {
  it("drops the services but for their node objects, and the server: a quarter of the file", () => {
    expect(stripped.length).toBeLessThan(source.length * 0.8);
    const sections = [...stripped.matchAll(/^\/\/ (src\/[^\n]+)$/gm)].map((m) => m[1]);
    expect(sections.filter((path) => /^src\/(services|server)\//.test(path))).toEqual(["src/services/services.ts"]);
    expect(compilerTs.version).toBe(whole.version);
    // (The formatter is one of the services dropped: its name is still exported, and throws if read.)
    expect(() => (compilerTs as unknown as { formatting: unknown }).formatting).toThrow(ReferenceError);
    expect((whole as unknown as { formatting: unknown }).formatting).toBeDefined();
  });

  it("keeps every name the snippet compiler reads", () => {
    const names = namesRead();
    expect(names.length).toBeGreaterThan(50);
    const lost = names.filter((name) => {
      try {
        return (compilerTs as unknown as Record<string, unknown>)[name] === undefined && (whole as unknown as Record<string, unknown>)[name] !== undefined;
      } catch {
        return true;
      }
    });
    expect(lost).toEqual([]);
  });

  it("compiles every example, and code it refuses or warns of, as the whole of TypeScript does", async () => {
    const { compile } = await import("../src/compile/compile");
    const { EXAMPLES } = await import("../src/examples/catalog");
    const examples = EXAMPLES.map((e) => e.code);
    expect(examples.length).toBeGreaterThan(20);
    // Diagnostics' paths: syntax errors, a reserved name, a module not allowed, a write to a copied global.
    const faulty = [
      "let a = 1;\nlet b: number = ;\nfunction f( {\n}",
      "const __pgSecret = 2;",
      'import fs from "fs";\nconst lib = require("lodash");',
      'import { Thread } from "playground";\nlet items: number[] = [];\nfunction work(i: number) { items.push(i); }\nnew Thread({ target: work, args: [1] });',
    ];
    for (const code of [...examples, ...faulty]) {
      for (const options of [{ ticks: true }, { ticks: true, checked: true }]) {
        use.ts = whole;
        const expected = compile(code, options);
        use.ts = compilerTs;
        const actual = compile(code, options);
        expect(actual).toEqual(expected);
        if (examples.includes(code)) expect(actual.ok).toBe(true);
      }
    }
    use.ts = whole;
    for (const code of faulty) expect(compile(code).diagnostics.length, code).toBeGreaterThan(0);
  });

  it("refuses a file laid out otherwise, rather than guess", () => {
    expect(() => compilerOnly("var ts = {};")).toThrow(/no section/);
    const required = ["compiler/checker.ts", "compiler/emitter.ts", "compiler/program.ts", "services/services.ts", "typescript/typescript.ts"];
    expect(() => compilerOnly(required.map((path) => `// src/${path}\nvar x;\n`).join(""))).toThrow(/bytes of services/);
  });
});
