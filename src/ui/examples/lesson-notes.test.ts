import { describe, expect, it } from "vitest";
import type { RunResult } from "../../runtime/types";
import { starterSnippet, starterSnippetZh } from "../../examples/starter";
import { lessonNotes } from "./lesson-notes";

function result(lines: string[], status: RunResult["status"] = "ok"): RunResult {
  return {
    status, exitCode: 0, durationMs: 100, errors: [], threads: [], stats: { events: 0, droppedEvents: 0 },
    output: lines.map((text, i) => ({ thread: "MainThread", text, t: i })),
  };
}

const LUCKY = ["without a lock: 600000 of 600000 (40.0 ms)", "with a lock:    600000 of 600000 (90.0 ms)"];
const RACED = ["without a lock: 351022 of 600000 (40.0 ms)", "with a lock:    600000 of 600000 (90.0 ms)"];

describe("lesson notes", () => {
  it("say plainly, in the reader's language, that the starter lost no update this time and to run again", () => {
    const [en] = lessonNotes(starterSnippet, result(LUCKY), "en");
    expect(en).toMatch(/^No update was lost this time.*Run again/);
    // The Chinese starter, read in Chinese: the note is Chinese too.
    const [zh] = lessonNotes(starterSnippetZh, result(LUCKY), "zh");
    expect(zh).toMatch(/^这次没有丢失任何更新.*再运行一次/);
  });

  it("say nothing when the lesson showed, for other code, or for a run that did not end ok", () => {
    expect(lessonNotes(starterSnippet, result(RACED), "en")).toEqual([]);
    expect(lessonNotes(starterSnippet + "\n// mine", result(LUCKY), "en")).toEqual([]);
    expect(lessonNotes(starterSnippet, result(LUCKY, "stopped"), "en")).toEqual([]);
  });
});
