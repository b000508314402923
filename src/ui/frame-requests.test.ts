// A parent frame's messages are parsed strictly: anything malformed is
// ignored rather than answered or half-run.
import { describe, expect, it } from "vitest";
import { acceptsOrigin, parseOriginPolicy, parseRequest } from "./frame-requests";

describe("parseRequest", () => {
  it("accepts a run request with code and settings", () => {
    expect(parseRequest({ type: "playground:run", id: 1, code: "x", settings: { gil: true, switchIntervalMs: 2 } })).toEqual({
      type: "playground:run",
      id: 1,
      code: "x",
      settings: { gil: true, switchIntervalMs: 2 },
      timeoutMs: undefined,
    });
  });

  it("passes settings through as they came: the run checks their values and answers with an error naming a bad one", () => {
    expect(parseRequest({ type: "playground:run", id: 2, settings: { maxThreads: 1e9 } })?.settings).toEqual({ maxThreads: 1e9 });
  });

  it("accepts the controlled-run requests of API.md §10 and refuses their malformed fields", () => {
    expect(parseRequest({ type: "playground:explore", id: 5, code: "x", maxSchedules: 50, mode: "outcomes" })).toMatchObject({ type: "playground:explore", maxSchedules: 50, mode: "outcomes" });
    expect(parseRequest({ type: "playground:stepStart", id: 6, settings: { seed: 3 } })).toMatchObject({ type: "playground:stepStart", settings: { seed: 3 } });
    expect(parseRequest({ type: "playground:step", id: 7, thread: "Thread-1" })).toMatchObject({ type: "playground:step", thread: "Thread-1" });
    expect(parseRequest({ type: "playground:stepBack", id: 8 })?.type).toBe("playground:stepBack");
    expect(parseRequest({ type: "playground:explore", id: 9, mode: "everything" })).toBeNull();
    expect(parseRequest({ type: "playground:explore", id: 10, maxSchedules: 1.5 })).toBeNull();
    expect(parseRequest({ type: "playground:step", id: 11, thread: 2 })).toBeNull();
  });

  it("accepts the other requests with a string id", () => {
    expect(parseRequest({ type: "playground:getCode", id: "a" })?.type).toBe("playground:getCode");
    expect(parseRequest({ type: "playground:stop", id: "b" })?.type).toBe("playground:stop");
    expect(parseRequest({ type: "playground:getTrace", id: 3 })?.type).toBe("playground:getTrace");
    expect(parseRequest({ type: "playground:setCode", id: 4, code: "y" })).toMatchObject({ type: "playground:setCode", code: "y" });
  });

  it.each([
    ["a string", "playground:run"],
    ["null", null],
    ["no id", { type: "playground:run" }],
    ["an object id", { type: "playground:run", id: {} }],
    ["an unknown type", { type: "playground:explode", id: 1 }],
    ["code that is not a string", { type: "playground:run", id: 1, code: 5 }],
    ["settings that are not an object", { type: "playground:run", id: 1, settings: "gil=on" }],
    ["getTrace without an id", { type: "playground:getTrace" }],
    ["a type that only looks right", { type: "playground:getTrace ", id: 1 }],
    ["a reply echoed back", { type: "playground:result", id: 1, result: null }],
  ])("ignores %s", (_label, data) => {
    expect(parseRequest(data)).toBeNull();
  });
});

// `origin=` in the embed's address: no value lets any parent talk to the
// frame; an origin (or a URL, taken as its origin) lets only that one; a
// value that names no http(s) origin lets none (fail closed, never open).
describe("parseOriginPolicy / acceptsOrigin", () => {
  it("accepts any origin when none is named", () => {
    for (const value of [null, "", "  "]) {
      const policy = parseOriginPolicy(value);
      expect(policy).toEqual({ kind: "any" });
      expect(acceptsOrigin(policy, "https://anywhere.example")).toBe(true);
      expect(acceptsOrigin(policy, "null")).toBe(true);
    }
  });

  it("accepts only the named origin, port and scheme included", () => {
    const policy = parseOriginPolicy("https://course.example/lessons/3?x=1");
    expect(policy).toEqual({ kind: "only", origin: "https://course.example" });
    expect(acceptsOrigin(policy, "https://course.example")).toBe(true);
    expect(acceptsOrigin(policy, "http://course.example")).toBe(false);
    expect(acceptsOrigin(policy, "https://course.example:8443")).toBe(false);
    expect(acceptsOrigin(policy, "https://evil.example")).toBe(false);
    expect(acceptsOrigin(policy, "null")).toBe(false);
    expect(acceptsOrigin(parseOriginPolicy("http://127.0.0.1:5182"), "http://127.0.0.1:5182")).toBe(true);
  });

  it.each(["course.example", "javascript:alert(1)", "file:///tmp/x", "null", "*"])("accepts nothing for origin=%s", (value) => {
    const policy = parseOriginPolicy(value);
    expect(policy.kind).toBe("none");
    expect(acceptsOrigin(policy, "https://course.example")).toBe(false);
    expect(acceptsOrigin(policy, "null")).toBe(false);
  });
});
