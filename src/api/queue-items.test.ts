import { describe, expect, it } from "vitest";
import { itemText } from "./queue-items";

describe("itemText", () => {
  it("shows an item as a learner reads it", () => {
    expect(itemText("job 3")).toBe("'job 3'");
    expect(itemText(42)).toBe("42");
    expect(itemText([1, [2, [3]]])).toBe("[1, [2, [...]]]");
    expect(itemText({ id: 1, name: "x" })).toBe("{id: 1, name: 'x'}");
    expect(itemText(null)).toBe("null");
    class Job { constructor(public n: number) {} }
    expect(itemText(new Job(7))).toBe("Job {n: 7}");
  });

  it("cuts a long item to 40 characters", () => {
    const text = itemText("x".repeat(100));
    expect(text).toHaveLength(40);
    expect(text.endsWith("…")).toBe(true);
  });

  it("runs none of the item's code: a getter is shown as ?, and toString is not called", () => {
    let ran = 0;
    const item = { get secret() { ran++; return 1; }, toString() { ran++; return "custom"; } };
    expect(itemText(item)).toBe("{secret: ?, toString: <function toStrin…");
    expect(ran).toBe(0);
  });
});

describe("itemText on hostile items", () => {
  it("shows a typed array by its size, calls no static name getter, and shows an item that throws as ?", () => {
    expect(itemText(new Float64Array(8_000_000))).toBe("Float64Array(64000000 bytes)");
    let ran = 0;
    class Sneaky { static get name() { ran++; return "x"; } }
    expect(itemText(new Sneaky())).toBe("{}");
    expect(ran).toBe(0);
    const trap = new Proxy({}, { ownKeys() { throw new Error("no"); } });
    expect(itemText(trap)).toBe("?");
  });
});
