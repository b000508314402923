// The draft and the start-up choice: a reload gives back the learner's work,
// a share link wins over the draft, and storage that misbehaves costs the
// draft, never the page.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEditorStore, createSettingsStore } from "../state/stores";
import { DRAFT_KEY, installDraftSaver, readDraft, sanitizeSettings, writeDraft } from "./draft";
import { encodeShareHash } from "./share-link";
import { chooseStartup } from "./startup";

class MemoryStorage implements Pick<Storage, "getItem" | "setItem"> {
  items = new Map<string, string>();
  writes = 0;
  getItem(key: string) { return this.items.get(key) ?? null; }
  setItem(key: string, value: string) { this.writes++; this.items.set(key, value); }
}
const asStorage = (s: unknown) => s as Storage;

const throwing = asStorage({
  getItem: () => { throw new DOMException("denied", "SecurityError"); },
  setItem: () => { throw new DOMException("full", "QuotaExceededError"); },
});

afterEach(() => { vi.useRealTimers(); });

describe("draft storage", () => {
  it("round-trips a draft", () => {
    const storage = asStorage(new MemoryStorage());
    const draft = { code: "print('草稿')", settings: { gil: true, switchIntervalMs: 3, maxThreads: 8 }, exampleId: "race" };
    expect(writeDraft(storage, draft)).toBe(true);
    expect(readDraft(storage)).toEqual(draft);
  });

  it("has no draft when storage is missing, throws, or holds damaged JSON", () => {
    expect(readDraft(null)).toBeNull();
    expect(readDraft(throwing)).toBeNull();
    expect(writeDraft(throwing, { code: "x", settings: {}, exampleId: null })).toBe(false);
    const storage = new MemoryStorage();
    for (const bad of ["{not json", "42", '{"code": 5}', "null"]) {
      storage.items.set(DRAFT_KEY, bad);
      expect(readDraft(asStorage(storage)), bad).toBeNull();
    }
  });

  it("keeps only valid settings, within their limits", () => {
    expect(sanitizeSettings({ gil: "yes", switchIntervalMs: -4, maxThreads: 1e9, extra: 1 })).toEqual({ switchIntervalMs: 0.05, maxThreads: 256 });
    expect(sanitizeSettings("nope")).toEqual({});
  });

  it("saves once after a burst of edits, ignores other store changes, and calls onChange per change", () => {
    vi.useFakeTimers();
    const memory = new MemoryStorage();
    const editor = createEditorStore("start");
    const settings = createSettingsStore();
    const changed = vi.fn();
    const uninstall = installDraftSaver({ editor, settings }, asStorage(memory), changed, 400);

    editor.getState().setDiagnostics([]);
    settings.getState().update({ gil: false }); // the default: no change
    vi.advanceTimersByTime(1000);
    expect(memory.writes).toBe(0);
    expect(changed).not.toHaveBeenCalled();

    for (const code of ["a", "ab", "abc"]) editor.getState().setCode(code);
    settings.getState().update({ gil: true });
    expect(memory.writes).toBe(0);
    vi.advanceTimersByTime(400);
    expect(memory.writes).toBe(1);
    expect(changed).toHaveBeenCalledTimes(4);
    expect(readDraft(asStorage(memory))).toMatchObject({ code: "abc", settings: { gil: true } });

    editor.getState().setCode("pending");
    uninstall(); // saves what is pending
    expect(readDraft(asStorage(memory))?.code).toBe("pending");
  });

  it("goes on working when storage refuses every write", () => {
    vi.useFakeTimers();
    const editor = createEditorStore("start");
    const uninstall = installDraftSaver({ editor, settings: createSettingsStore() }, throwing, undefined, 10);
    editor.getState().setCode("edited");
    expect(() => vi.advanceTimersByTime(50)).not.toThrow();
    uninstall();
  });
});

describe("chooseStartup", () => {
  const draft = { code: "my draft", settings: { gil: true }, exampleId: null };

  it("prefers a share link to the draft, and the draft to the starter", () => {
    const hash = encodeShareHash({ code: "shared", settings: { gil: false, switchIntervalMs: 7, maxThreads: 4 }, exampleId: "ex" });
    expect(chooseStartup(hash, "starter", draft)).toMatchObject({ source: "link", code: "shared", exampleId: "ex", settings: { switchIntervalMs: 7 } });
    expect(chooseStartup("", "starter", draft)).toMatchObject({ source: "draft", code: "my draft" });
    expect(chooseStartup("#timeline", "starter", null)).toMatchObject({ source: "starter", code: "starter" });
    expect(chooseStartup("#timeline", "starter", null).linkError).toBeUndefined();
  });

  it("starts from the starter, not the draft, with the reason when the link is damaged", () => {
    const hash = encodeShareHash({ code: "shared code", settings: { gil: false, switchIntervalMs: 5, maxThreads: 64 } });
    const cut = chooseStartup(hash.slice(0, 20), "starter", draft);
    expect(cut).toMatchObject({ source: "starter", code: "starter", linkError: { reason: "truncated" } });
  });
});
