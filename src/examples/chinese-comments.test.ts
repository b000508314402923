import { describe, expect, it } from "vitest";
import { withCodeZh, withComments, type ExampleSource } from "./chinese-comments";

const CODE = `// Start a thread,
// then wait for it.
import { print } from "playground";

print("wait for it"); // prints a line
print("// prints a line");
`;

describe("withComments", () => {
  it("replaces whole comments, of one line or several, and nothing else", () => {
    const zh = withComments(CODE, {
      "Start a thread,\n// then wait for it.": "启动一个线程，\n// 再等待它结束。",
      "prints a line": "打印一行",
    });
    expect(zh).toBe(`// 启动一个线程，
// 再等待它结束。
import { print } from "playground";

print("wait for it"); // 打印一行
print("// prints a line");
`);
  });

  it("throws for a comment that is not in the code, or only part of one", () => {
    expect(() => withComments(CODE, { "Start a thread": "启动一个线程" })).toThrow(/not found.*Start a thread/);
    expect(() => withComments(CODE, { "wait for it": "等待它" })).toThrow(/not found/);
  });

  it("throws when the Chinese has another number of lines (line numbers must match)", () => {
    expect(() => withComments(CODE, { "Start a thread,\n// then wait for it.": "启动一个线程，再等待它结束。" })).toThrow(/number of lines/);
  });
});

describe("withCodeZh", () => {
  const source: ExampleSource = {
    id: "demo",
    topic: "threads",
    expectedStatus: "ok",
    code: CODE,
    commentsZh: { "prints a line": "打印一行" },
    text: { en: { title: "Demo", explanation: "" }, zh: { title: "示例", explanation: "" } },
  };

  it("turns the comment table into codeZh and drops the table", () => {
    const example = withCodeZh(source);
    expect(example).not.toHaveProperty("commentsZh");
    expect(example.code).toBe(CODE);
    expect(example.codeZh).toContain("// 打印一行\n");
    expect(withCodeZh([source, { ...source, id: "demo-2" }]).map((e) => e.id)).toEqual(["demo", "demo-2"]);
  });
});
