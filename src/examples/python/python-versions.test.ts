// The Python versions of the gallery: one for every example, each a Python 3
// program that parses, with a line map that fits both programs and sends every
// TypeScript API call to the Python line making the same call, and with
// Chinese comments that replace cleanly (and agree with the TypeScript
// example's Chinese where the English is the same).

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
// eslint-disable-next-line no-restricted-imports -- the test checks this folder's data against the catalog; the data itself imports nothing
import { EXAMPLES } from "../catalog";
import { PYTHON_TOPIC_TABLES, PYTHON_VERSIONS, pythonCodeZh, type PythonVersion } from "./index";
import { lineMap } from "./line-map";

const CJK = /[\u4e00-\u9fff]/;
/** API calls whose Python counterpart is the same method in snake_case (notifyAll → notify_all). */
const API_CALL = /\.(acquire|release|start|join|put|get|wait|notify\w*|map|send|recv)\(/g;

function linesOf(code: string): string[] {
  return code.replace(/\n$/, "").split("\n");
}

/**
 * The API methods a TypeScript line calls. JavaScript's own array idioms are
 * not API calls and become Python idioms instead: `.map(` with an inline
 * callback (a list comprehension) and `.join(` with a separator string.
 */
function apiCallsOf(tsLine: string): string[] {
  const calls: string[] = [];
  for (const match of tsLine.matchAll(API_CALL)) {
    const after = tsLine.slice(match.index + match[0].length);
    if (match[1] === "map" && /^\s*(\(|[\w$]+\s*=>|$)/.test(after)) continue;
    if (match[1] === "join" && /^\s*["'`]/.test(after)) continue;
    calls.push(match[1]);
  }
  return calls;
}

/**
 * TypeScript lines left out of the Python on purpose: the comparison's
 * freeThreaded() starts a Process with `gil: false`, and CPython cannot run
 * one process without the GIL (only a whole free-threaded python3.13t can).
 */
const LEFT_OUT: Readonly<Record<string, readonly number[]>> = {
  "gil-threads-processes-coroutines": [48, 49, 50, 51, 52, 57, 63],
};

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

/**
 * English comment text → its text in the other version, for each line whose
 * two versions differ (only a comment may differ; `marker` is "# " or "// ").
 */
function commentPairs(code: string, codeZh: string, marker: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const zhLines = linesOf(codeZh);
  linesOf(code).forEach((line, i) => {
    const zh = zhLines[i];
    if (line === zh) return;
    let same = 0;
    while (line[same] === zh[same]) same++;
    const start = line.lastIndexOf(marker, same);
    pairs.set(line.slice(start + marker.length), zh.slice(start + marker.length));
  });
  return pairs;
}

/** Where a Python line's comment starts (a '#' outside string literals), or -1. */
function commentStart(line: string): number {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return i;
  }
  return -1;
}

const versionOf = (id: string): PythonVersion => PYTHON_VERSIONS[id];

describe("lineMap and pythonCodeZh", () => {
  it("expand a spec of runs and zeros", () => {
    expect(lineMap("1-3 0 5 7-8")).toEqual([1, 2, 3, 0, 5, 7, 8]);
    expect(() => lineMap("3-1")).toThrow(/goes down/);
    expect(() => lineMap("1 x")).toThrow(/neither/);
  });

  it("replace whole comments of one line or several, and throw for a missing one", () => {
    const version: PythonVersion = {
      code: "# Start a thread,\n# then wait for it.\nt.join()  # waits\nprint('# waits')\n",
      commentsZh: { "Start a thread,\n# then wait for it.": "启动一个线程，\n# 再等待它结束。", waits: "等待" },
      tsToPy: [],
    };
    expect(pythonCodeZh(version)).toBe("# 启动一个线程，\n# 再等待它结束。\nt.join()  # 等待\nprint('# waits')\n");
    expect(() => pythonCodeZh({ ...version, commentsZh: { "Start a thread": "启动" } })).toThrow(/not found/);
    expect(() => pythonCodeZh({ ...version, commentsZh: { waits: "等\n# 待" } })).toThrow(/number of lines/);
  });
});

describe("the Python versions of the gallery", () => {
  it("has one for every example, and none for an id the catalog does not know", () => {
    const ids = EXAMPLES.map((e) => e.id);
    for (const id of ids) expect(versionOf(id), `${id} has a Python version`).toBeDefined();
    expect(Object.keys(PYTHON_VERSIONS).sort()).toEqual([...ids].sort());
    const inTables = PYTHON_TOPIC_TABLES.flatMap((table) => Object.keys(table));
    expect(inTables.length, "no id is in two topic files").toBe(new Set(inTables).size);
  });

  it("maps every TypeScript line to a Python line that exists, or to 0", () => {
    for (const e of EXAMPLES) {
      const { tsToPy, code } = versionOf(e.id);
      const pyLines = linesOf(code).length;
      expect(tsToPy.length, `${e.id}: one entry per TypeScript line`).toBe(linesOf(e.code).length);
      tsToPy.forEach((py, i) => {
        expect(Number.isInteger(py) && py >= 0 && py <= pyLines, `${e.id} line ${i + 1} → ${py}`).toBe(true);
      });
    }
  });

  it("sends each API call to the Python line making the same call", () => {
    for (const e of EXAMPLES) {
      const { tsToPy, code } = versionOf(e.id);
      const pyLines = linesOf(code);
      linesOf(e.code).forEach((tsLine, i) => {
        if (LEFT_OUT[e.id]?.includes(i + 1)) {
          expect(tsToPy[i], `${e.id} line ${i + 1} is left out`).toBe(0);
          return;
        }
        for (const method of apiCallsOf(tsLine)) {
          const where = `${e.id} line ${i + 1}: ${tsLine.trim()}`;
          expect(tsToPy[i], `${where} has a Python line`).toBeGreaterThan(0);
          expect(pyLines[tsToPy[i] - 1], where).toContain(`.${snakeCase(method)}(`);
        }
      });
    }
  });

  it("finds the API calls, and only those, in a line", () => {
    expect(apiCallsOf("for (const t of threads) t.start();")).toEqual(["start"]);
    expect(apiCallsOf("changed.notifyAll(); // wake")).toEqual(["notifyAll"]);
    expect(apiCallsOf('print("r: " + p.map(square, items).join(" "));')).toEqual(["map"]);
    expect(apiCallsOf("const threads = [1, 2].map(() => new Thread({ target: f }));")).toEqual([]);
    expect(apiCallsOf('print(pending.map((r) => r.get()).join(","));')).toEqual(["get"]);
    expect(snakeCase("notifyAll")).toBe("notify_all");
  });

  it("has comments in English whose Chinese replaces them, and nothing else, line for line", () => {
    for (const e of EXAMPLES) {
      const version = versionOf(e.id);
      const zh = pythonCodeZh(version);
      const english = linesOf(version.code);
      const chinese = linesOf(zh);
      expect(chinese.length, `${e.id}: as many lines`).toBe(english.length);
      english.forEach((line, i) => {
        const start = commentStart(line);
        const where = `${e.id} Python line ${i + 1}`;
        if (start < 0) {
          expect(chinese[i], where).toBe(line);
          return;
        }
        expect(line.slice(start), `${where}: English`).not.toMatch(CJK);
        expect(chinese[i].slice(0, start), `${where}: the code is the same`).toBe(line.slice(0, start));
        expect(chinese[i].slice(start), `${where}: Chinese`).toMatch(CJK);
      });
    }
  });

  it("uses the TypeScript example's Chinese for a comment line it shares with it", () => {
    for (const e of EXAMPLES) {
      const version = versionOf(e.id);
      const tsZh = commentPairs(e.code, e.codeZh ?? e.code, "// ");
      for (const [english, chinese] of commentPairs(version.code, pythonCodeZh(version), "# ")) {
        if (tsZh.has(english)) expect(chinese, `${e.id}: "${english}"`).toBe(tsZh.get(english));
      }
    }
  });

  const python = spawnSync("python3", ["--version"], { encoding: "utf8" });
  it.skipIf(python.error !== undefined || python.status !== 0)("parses as Python 3.9 (when python3 is on PATH)", () => {
    const programs = EXAMPLES.flatMap((e) => [
      { id: e.id, code: versionOf(e.id).code },
      { id: `${e.id} (Chinese)`, code: pythonCodeZh(versionOf(e.id)) },
    ]);
    // ast.parse with feature_version also refuses syntax newer than 3.9.
    const script =
      "import ast, json, sys\n" +
      "for p in json.load(sys.stdin):\n" +
      "    try:\n" +
      "        ast.parse(p['code'], p['id'], feature_version=(3, 9))\n" +
      "    except SyntaxError as e:\n" +
      "        print(p['id'], 'line', e.lineno, e.msg)\n";
    const result = spawnSync("python3", ["-c", script], { input: JSON.stringify(programs), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("");
  });
});
