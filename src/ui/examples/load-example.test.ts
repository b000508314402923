import { afterEach, describe, expect, it } from "vitest";
import { findExample } from "../../examples/catalog";
import { starterSnippet, starterSnippetZh } from "../../examples/starter";
import { languageStore } from "../i18n/language";
import { createEditorStore, createSettingsStore } from "../state/stores";
import { applyExample, exampleCode, followLanguage, isExampleCode } from "./load-example";

describe("loading an example", () => {
  afterEach(() => languageStore.getState().setLanguage("en"));

  it("puts its code in the editor, remembers its id, and applies its settings", () => {
    const stores = { editor: createEditorStore("// old code"), settings: createSettingsStore() };
    const gil = findExample("gil-cpu-bound")!;
    applyExample(stores, gil, "en");
    expect(stores.editor.getState()).toMatchObject({ code: gil.code, exampleId: "gil-cpu-bound" });
    expect(stores.settings.getState().gil).toBe(true);
  });

  it("turns the GIL off for an example that does not ask for it, and keeps the other settings", () => {
    const stores = { editor: createEditorStore(""), settings: createSettingsStore() };
    stores.settings.getState().update({ gil: true, switchIntervalMs: 20 });
    applyExample(stores, findExample("race-without-lock")!, "en");
    expect(stores.settings.getState()).toMatchObject({ gil: false, switchIntervalMs: 20 });
  });

  it("loads the code with Chinese comments for Chinese readers, with the same id and settings", () => {
    const stores = { editor: createEditorStore(""), settings: createSettingsStore() };
    const gil = findExample("gil-cpu-bound")!;
    expect(gil.codeZh).toBeDefined();
    applyExample(stores, gil, "zh");
    expect(stores.editor.getState()).toMatchObject({ code: gil.codeZh, exampleId: "gil-cpu-bound" });
    expect(stores.settings.getState().gil).toBe(true);
  });

  it("follows the interface language when none is given", () => {
    const stores = { editor: createEditorStore(""), settings: createSettingsStore() };
    const example = findExample("thread-target")!;
    languageStore.getState().setLanguage("zh");
    applyExample(stores, example);
    expect(stores.editor.getState().code).toBe(example.codeZh);
    languageStore.getState().setLanguage("en");
    applyExample(stores, example);
    expect(stores.editor.getState().code).toBe(example.code);
  });

  it("falls back to the English-commented code when an example has no codeZh", () => {
    const { codeZh: _, ...withoutZh } = findExample("thread-target")!;
    expect(exampleCode(withoutZh, "zh")).toBe(withoutZh.code);
    expect(exampleCode(withoutZh, "en")).toBe(withoutZh.code);
  });

  it("recognises the example's code in either language, and not an edited one", () => {
    const example = findExample("thread-target")!;
    expect(isExampleCode(example, example.code)).toBe(true);
    expect(isExampleCode(example, example.codeZh!)).toBe(true);
    expect(isExampleCode(example, example.code + "\n// mine")).toBe(false);
    const { codeZh: _, ...withoutZh } = example;
    expect(isExampleCode(withoutZh, "")).toBe(false);
  });

  it("swaps an unedited example's comments on a language switch, and leaves edited code alone", () => {
    const stores = { editor: createEditorStore(""), settings: createSettingsStore() };
    const example = findExample("lock-fixes-race")!;
    applyExample(stores, example, "en");
    followLanguage(stores, findExample, "zh");
    expect(stores.editor.getState().code).toBe(example.codeZh);
    stores.editor.getState().setCode(example.codeZh + "\n// mine");
    followLanguage(stores, findExample, "en");
    expect(stores.editor.getState().code).toBe(example.codeZh + "\n// mine");
  });

  it("swaps the untouched starter's comments on a language switch too, and leaves an edited starter alone", () => {
    const stores = { editor: createEditorStore(starterSnippet) };
    followLanguage(stores, findExample, "zh");
    expect(stores.editor.getState().code).toBe(starterSnippetZh);
    followLanguage(stores, findExample, "en");
    expect(stores.editor.getState().code).toBe(starterSnippet);
    stores.editor.getState().setCode(starterSnippet + "\n// mine");
    followLanguage(stores, findExample, "zh");
    expect(stores.editor.getState().code).toBe(starterSnippet + "\n// mine");
  });
});
