// Each sentence the compiler writes, made by the compiler from a snippet
// that draws it, shown in Chinese with no English left but the code's own
// words (names, keywords, calls); English and TypeScript's own messages
// stay as they are.

import { describe, expect, it } from "vitest";
import { compile } from "../../compile/compile";
import { localizeCompilerMessage } from "./compiler-words";

/** Snippets that each draw at least one of the compiler's own sentences. */
const DRAWS: Record<string, string> = {
  threadCopy: `import { Thread } from "playground";\nconst items: number[] = [];\nfunction w() { items = [1]; }\nnew Thread({ target: w }).start();`,
  processCopy: `import { Process } from "playground";\nlet n = 0;\nfunction w() { n += 1; }\nnew Process({ target: w }).start();`,
  threadField: `import { Thread } from "playground";\nclass W extends Thread { names: string[] = []; run() { this.names = ["a"]; } }`,
  processField: `import { Process } from "playground";\nclass P extends Process { n = 0; run() { this.n += 1; } }`,
  reserved: `const __pgSecret = 1;`,
  foreignImport: `import fs from "fs";`,
  await: `function f() {\n  await g();\n}\nasync function g() {}`,
  return: `return 5;`,
  importMeta: `const url = import.meta.url;`,
  break: `break;`,
  continue: `function f() { continue; }`,
  label: `while (true) break nowhere;`,
  pragmaValue: `// playground: gil=maybe seed=-1 switchInterval=0 maxThreads=0.5\nlet a = 1;`,
  pragmaUnknown: `// playground: fast\nlet a = 1;`,
};

/** The code's own words a Chinese sentence keeps: quoted names and keywords, calls, the API's names. */
const KEPT = /__pg|'[^']*'|"[^"]*"|\b\w+\(\)|\b(?:on|off|switch|async|Value|playground)\b|：[\w, ]+）/g;
const englishLeft = (text: string) => text.replace(KEPT, "").match(/[A-Za-z]{2,}/g) ?? [];

describe("the compiler's sentences in Chinese", () => {
  for (const [what, source] of Object.entries(DRAWS)) {
    it(`${what}: every sentence the compiler writes for it is shown in Chinese`, () => {
      const mine = compile(source).diagnostics;
      expect(mine.length).toBeGreaterThan(0);
      for (const { message } of mine) {
        const zh = localizeCompilerMessage(message, "zh");
        expect(zh, message).not.toBe(message);
        expect(englishLeft(zh), zh).toEqual([]);
        expect(localizeCompilerMessage(message, "en")).toBe(message);
      }
    });
  }

  it("keeps the names the sentence carries", () => {
    const [copy] = compile(DRAWS.processCopy).diagnostics;
    expect(localizeCompilerMessage(copy.message, "zh")).toMatch(/^'n' 在 start\(\) 时复制进每个进程/);
    const pragma = compile(DRAWS.pragmaValue).diagnostics.map((d) => localizeCompilerMessage(d.message, "zh"));
    expect(pragma).toContain("编译指示 'gil' 需要 on 或 off");
  });

  it("leaves TypeScript's own messages, and sentences of no known shape, as they are", () => {
    const syntax = compile(`let b: number = ;`).diagnostics;
    expect(syntax).toHaveLength(1);
    expect(localizeCompilerMessage(syntax[0].message, "zh")).toBe(syntax[0].message);
    // (A pragma whose value is described in words the table does not have: not half translated.)
    expect(localizeCompilerMessage("pragma 'gil' expects something new", "zh")).toBe("pragma 'gil' expects something new");
  });
});
