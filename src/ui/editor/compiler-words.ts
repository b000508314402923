// The compiler's own sentences (compile/: its checks, warnings and pragma
// notes) in the interface's language. The compiler speaks English, as its
// diagnostics are the automation API's too (RunResult.errors); the editor's
// hovers and the output pane show them in the learner's language. What
// TypeScript itself reports (a syntax error) stays in English, as CPython's
// SyntaxError does.
//
// One table of sentence shapes, matched against the whole message; a
// message of no known shape is shown as it is. compiler-words.test.ts makes
// each shape's message with the compiler itself, so a changed sentence
// fails there first.

import type { Language } from "../i18n/language";
import { sayByShape, type Shape } from "../i18n/shapes";

/** What a pragma's value must be (compile/pragmas.ts), in Chinese. */
const EXPECTED: Record<string, string> = {
  "on or off": "on 或 off",
  "a whole number from 0 to 4294967295": "0 到 4294967295 之间的整数",
  "a positive number of milliseconds": "一个正的毫秒数",
  "a positive whole number": "一个正整数",
};

const ZH_SHAPES: Shape[] = [
  [
    /^'(.+)' is copied into each thread at start\(\); this write changes only the writer's copy$/,
    (name) => `'${name}' 在 start() 时复制进每个线程；这次写入只改变写入它的线程自己的那一份`,
  ],
  [
    /^'(.+)' is copied into each process at start\(\), numbers too \(a process has its own memory\): in a process, this write changes only that process's copy; share a Value to count across processes$/,
    (name) => `'${name}' 在 start() 时复制进每个进程，数字也一样（每个进程有独立的内存空间）：在进程里，这次写入只改变那个进程自己的一份；要跨进程计数，请共享一个 Value`,
  ],
  [
    /^'this\.(.+)' is copied into the thread at start\(\); this write changes only the thread's copy \(only number and boolean fields are shared\)$/,
    (field) => `'this.${field}' 在 start() 时复制进线程；这次写入只改变线程自己的一份（只有数字和布尔字段是共享的）`,
  ],
  [
    /^'this\.(.+)' is copied into the process at start\(\), numbers too \(a process has its own memory\); this write changes only the process's copy$/,
    (field) => `'this.${field}' 在 start() 时复制进进程，数字也一样（每个进程有独立的内存空间）；这次写入只改变进程自己的一份`,
  ],
  [/^'(.+)': names starting with __pg are reserved for the playground$/, (name) => `'${name}'：以 __pg 开头的名字留给 playground 自己使用`],
  [/^only "(.+)" can be imported$/, (module) => `只能导入 "${module}"`],
  [/^'await' can only be used in an async function or at the top level$/, () => "'await' 只能用在 async 函数里或模块的顶层"],
  [/^'return' can only be used inside a function$/, () => "'return' 只能用在函数内部"],
  [/^'import\.meta' is not available in a playground snippet$/, () => "playground 的代码里不能使用 'import.meta'"],
  [/^'(.+)': no enclosing statement has that label$/, (jump) => `'${jump}'：外层没有带这个标签的语句`],
  [/^'(break|continue)' can only be used inside a loop( or switch)?$/, (word, orSwitch) => `'${word}' 只能用在循环${orSwitch ? "或 switch " : ""}内部`],
  [new RegExp(`^pragma '(.+)' expects (${Object.keys(EXPECTED).join("|")})$`), (key, expected) => `编译指示 '${key}' 需要 ${EXPECTED[expected]}`],
  [/^unknown pragma '(.+)' \(known: (.+)\)$/, (key, known) => `未知的编译指示 '${key}'（可用的有：${known}）`],
];

/** A compiler diagnostic's message in `language`; one of no known shape stays as it is. */
export function localizeCompilerMessage(message: string, language: Language): string {
  return language === "en" ? message : (sayByShape(ZH_SHAPES, message) ?? message);
}
