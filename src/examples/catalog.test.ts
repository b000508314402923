// The gallery's catalog: every example is well formed, in both languages,
// and its code type-checks against the "playground" module as Monaco sees
// it (so a learner who opens an example sees no red squiggles); its Chinese
// code is the same program with Chinese comments. Running the examples is
// e2e/examples.spec.ts's job.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { EXAMPLES, TOPICS, examplesOf, findExample } from "./catalog";
import type { TopicId } from "./example-types";

const ALL_TOPICS: TopicId[] = [
  "threads", "locks", "coordination", "processes", "pools",
  "communication", "queues", "limits", "gil", "coroutines", "interleavings",
];
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CJK = /[\u4e00-\u9fff]/;
// As src/compile/pragmas.ts reads it: `// playground: gil=on ...`.
const PRAGMA = /^\s*\/\/\s*playground\s*:/;

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

  it("gives every example codeZh: the same program, line for line, with its comments in Chinese", () => {
    for (const e of EXAMPLES) {
      expect(e.codeZh, `${e.id} has codeZh`).toBeDefined();
      const codeZh = e.codeZh!;
      expect(withoutComments(codeZh), `${e.id}: codeZh is code with other comments`).toBe(withoutComments(e.code));
      const english = commentsOf(e.code);
      const chinese = commentsOf(codeZh);
      expect(chinese.length, `${e.id}: as many comments`).toBe(english.length);
      for (const comment of chinese) {
        if (PRAGMA.test(comment)) continue;
        expect(comment, `${e.id}: a comment in codeZh is Chinese`).toMatch(CJK);
      }
      for (const comment of english) expect(comment, `${e.id}: a comment in code is English`).not.toMatch(CJK);
    }
  });

  it("keeps a pragma line exactly as it is in codeZh (it configures the run)", () => {
    const withPragma = EXAMPLES.filter((e) => PRAGMA.test(e.code.split("\n")[0]));
    expect(withPragma.map((e) => e.id)).toContain("gil-threads-processes-coroutines");
    for (const e of EXAMPLES) {
      const lines = e.code.split("\n");
      const linesZh = (e.codeZh ?? "").split("\n");
      lines.forEach((line, i) => {
        if (PRAGMA.test(line)) expect(linesZh[i], `${e.id} line ${i + 1}`).toBe(line);
      });
    }
  });

  it("strips comments, and only comments, with the compiler's view of the code", () => {
    const code = 'const url = "http://x"; // a comment\nconst t = `${1 /* inner */}//not a comment`; /* block */\n// last\n';
    expect(commentsOf(code)).toEqual(["// a comment", "/* inner */", "/* block */", "// last"]);
    expect(withoutComments(code)).toBe('const url = "http://x";\nconst t = `${1 }//not a comment`;\n\n');
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

/** The comments of a program, in order, as the compiler finds them (not inside strings or templates). */
function commentRanges(code: string): ts.CommentRange[] {
  const file = ts.createSourceFile("/example.ts", code, ts.ScriptTarget.Latest, true);
  const found = new Map<number, ts.CommentRange>();
  const add = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((r) => found.set(r.pos, r));
  // Every comment lies before some token (leading) or after one on its line (trailing).
  const visit = (node: ts.Node) => {
    const children = node.getChildren(file);
    if (children.length === 0) {
      add(ts.getLeadingCommentRanges(code, node.pos));
      add(ts.getTrailingCommentRanges(code, node.end));
    }
    children.forEach(visit);
  };
  visit(file);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

function commentsOf(code: string): string[] {
  return commentRanges(code).map((r) => code.slice(r.pos, r.end));
}

/** The program without its comments, and without the spaces they leave at the ends of lines. */
function withoutComments(code: string): string {
  let result = "";
  let from = 0;
  for (const r of commentRanges(code)) {
    result += code.slice(from, r.pos);
    from = r.end;
  }
  result += code.slice(from);
  return result.split("\n").map((line) => line.trimEnd()).join("\n");
}
