// A parent frame's messages are parsed strictly: anything malformed is
// ignored rather than answered or half-run.
import { describe, expect, it } from "vitest";
import { parseRequest } from "./automation";

describe("parseRequest", () => {
  it("accepts a run request with code and settings", () => {
    expect(parseRequest({ type: "playground:run", id: 1, code: "x", settings: { gil: true, switchIntervalMs: 2 } })).toEqual({
      type: "playground:run",
      id: 1,
      code: "x",
      settings: { gil: true, switchIntervalMs: 2, maxThreads: undefined },
      timeoutMs: undefined,
    });
  });

  it("accepts the other requests with a string id", () => {
    expect(parseRequest({ type: "playground:getCode", id: "a" })?.type).toBe("playground:getCode");
    expect(parseRequest({ type: "playground:stop", id: "b" })?.type).toBe("playground:stop");
  });

  it.each([
    ["a string", "playground:run"],
    ["null", null],
    ["no id", { type: "playground:run" }],
    ["an object id", { type: "playground:run", id: {} }],
    ["an unknown type", { type: "playground:explode", id: 1 }],
    ["code that is not a string", { type: "playground:run", id: 1, code: 5 }],
    ["a bad setting", { type: "playground:run", id: 1, settings: { gil: "yes" } }],
    ["a non-finite number", { type: "playground:run", id: 1, settings: { maxThreads: Infinity } }],
  ])("ignores %s", (_label, data) => {
    expect(parseRequest(data)).toBeNull();
  });
});
