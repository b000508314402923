// The gallery's catalog: every example is well formed, in both languages,
// and its code type-checks against the "playground" module as Monaco sees
// it (so a learner who opens an example sees no red squiggles). Running the
// examples is e2e/examples.spec.ts's job.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { EXAMPLES, TOPICS, examplesOf, findExample } from "./catalog";
import type { TopicId } from "./example-types";

const ALL_TOPICS: TopicId[] = [
  "threads", "locks", "coordination", "processes", "pools",
  "communication", "queues", "limits", "gil", "coroutines",
];
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CJK = /[\u4e00-\u9fff]/;

describe("the examples catalog", () => {
  it("has unique, kebab-case ids that findExample finds", () => {
    const ids = EXAMPLES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(KEBAB);
      expect(findExample(id)?.id).toBe(id);
    }
    expect(findExample("no-such-example")).toBeUndefined();
  });

  it("lists every topic once, and uses every topic", () => {
    expect(TOPICS.map((t) => t.id).sort()).toEqual([...ALL_TOPICS].sort());
    for (const topic of TOPICS) {
      expect(examplesOf(topic.id).length, topic.id).toBeGreaterThan(0);
      expect(topic.title.en.trim()).not.toBe("");
      expect(topic.title.zh).toMatch(CJK);
    }
  });

  it("keeps the examples grouped by topic, in TOPICS order (the menu's order)", () => {
    const order = TOPICS.map((t) => t.id);
    const positions = EXAMPLES.map((e) => order.indexOf(e.topic));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("gives every example a title and an explanation in English and Chinese", () => {
    for (const e of EXAMPLES) {
      for (const language of ["en", "zh"] as const) {
        const text = e.text[language];
        expect(text.title.trim(), `${e.id} ${language} title`).not.toBe("");
        expect(text.explanation.trim().length, `${e.id} ${language} explanation`).toBeGreaterThan(60);
      }
      expect(e.text.zh.title, `${e.id}: the Chinese title is Chinese`).toMatch(CJK);
      expect(e.text.zh.explanation, `${e.id}: the Chinese explanation is Chinese`).toMatch(CJK);
      expect(e.text.en.explanation, `${e.id}: the English explanation is English`).not.toMatch(CJK);
    }
  });

  it("gives every example code that imports from \"playground\", and an output to expect", () => {
    for (const e of EXAMPLES) {
      expect(e.code, e.id).toMatch(/^import \{[^}]+\} from "playground";$/m);
      expect(e.expectedOutput, `${e.id} needs an expectedOutput for the browser test`).toBeDefined();
      if (e.settings?.gil !== undefined) expect(typeof e.settings.gil).toBe("boolean");
    }
  });

  it("has code that type-checks against playground.d.ts as the editor sets it up", () => {
    const diagnostics = typeCheck(EXAMPLES.map((e) => ({ name: `/examples/${e.id}.ts`, code: e.code })));
    expect(diagnostics).toEqual([]);
  }, 30_000);
});

// The editor's compiler options (src/ui/editor/monaco-setup.ts): workers, no DOM.
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.webworker.d.ts"],
  strict: true,
  noEmit: true,
  isolatedModules: true,
  types: [],
};

/** Type errors of the given files, as "file:line: message" strings. */
function typeCheck(files: { name: string; code: string }[]): string[] {
  // Read as text, not imported: src/examples imports nothing.
  const declarations = readFileSync(fileURLToPath(new URL("../api/playground.d.ts", import.meta.url)), "utf8");
  const virtual = new Map(files.map((f) => [f.name, f.code]));
  virtual.set("/node_modules/playground/index.d.ts", declarations);

  const host = ts.createCompilerHost(OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) => {
    const text = virtual.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, version) : getSourceFile.call(host, name, version, ...rest);
  };
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);

  const program = ts.createProgram([...virtual.keys()], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}
