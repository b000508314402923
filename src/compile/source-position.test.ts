import { describe, expect, it } from "vitest";
import { originalPosition } from "./source-position";
import { AsyncFunction, compileOk, makeHost, runBody } from "./test-host";
import type { CompileResult } from "./types";

/** Lines V8 puts before the body of `new AsyncFunction(...)`, found with a probe rather than assumed. */
async function headerOffset(): Promise<number> {
  const stack = (await new AsyncFunction("__pg", "return new Error('probe').stack;")(makeHost())) as unknown as string;
  return Number(/<anonymous>:(\d+):\d+/.exec(stack)![1]) - 1;
}

/** Runs the body, returns the TS position of the first body frame of the error it throws. */
async function errorPosition(result: CompileResult, run: (host: ReturnType<typeof makeHost>) => Promise<unknown>) {
  const offset = await headerOffset();
  let error: unknown;
  try {
    await run(makeHost());
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const frame = /<anonymous>:(\d+):(\d+)/.exec((error as Error).stack ?? "");
  expect(frame).not.toBeNull();
  return originalPosition(result, Number(frame![1]) - offset, Number(frame![2]));
}

describe("source positions", () => {
  it("maps an error thrown inside a function back to its TypeScript line and column", async () => {
    const source = [
      `import { print } from "playground";`,
      `let counter: number = 0;`,
      `interface Shape { area(): number }`,
      `function fail(n: number): never {`,
      `  const msg: string = "bad " + n; counter++;`,
      `  const e: Error = new Error(msg); throw e;`,
      `}`,
      `print("start");`,
      `fail(3);`,
    ].join("\n");
    const result = compileOk(source, { ticks: true });
    const pos = await errorPosition(result, (host) => runBody(result, host));
    expect(pos).toEqual({ line: 6, column: source.split("\n")[5].indexOf("new Error") + 1 });
  });

  it("maps errors in top-level code, closures and rewritten shared globals", async () => {
    const source = [
      `let n: number = 5;`,
      `function outer(k: number) {`,
      `  const f = (x: number): string => {`,
      `    return n.toFixed(x + k);`,
      `  };`,
      `  return f;`,
      `}`,
      `outer(200)(1);`,
    ].join("\n");
    const result = compileOk(source);
    const pos = await errorPosition(result, (host) => runBody(result, host));
    // RangeError from toFixed: V8 points at the call
    expect(pos?.line).toBe(4);
    expect(pos!.column).toBeGreaterThanOrEqual(source.split("\n")[3].indexOf("n.toFixed") + 1);

    const top = compileOk(`let a: number[] = [];\n\n  (a as any).missing.call();`);
    expect((await errorPosition(top, (host) => runBody(top, host)))?.line).toBe(3);
  });

  it("returns null where nothing maps", () => {
    const result = compileOk(`let x = 1;`);
    expect(originalPosition(result, 1000, 1)).toBeNull();
    expect(originalPosition({ ...result, sourceMap: "" }, 1, 1)).toBeNull();
  });
});
