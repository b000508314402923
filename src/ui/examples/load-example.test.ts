import { describe, expect, it } from "vitest";
import { findExample } from "../../examples/catalog";
import { createEditorStore, createSettingsStore } from "../state/stores";
import { applyExample } from "./load-example";

describe("loading an example", () => {
  it("puts its code in the editor, remembers its id, and applies its settings", () => {
    const stores = { editor: createEditorStore("// old code"), settings: createSettingsStore() };
    const gil = findExample("gil-cpu-bound")!;
    applyExample(stores, gil);
    expect(stores.editor.getState()).toMatchObject({ code: gil.code, exampleId: "gil-cpu-bound" });
    expect(stores.settings.getState().gil).toBe(true);
  });

  it("turns the GIL off for an example that does not ask for it, and keeps the other settings", () => {
    const stores = { editor: createEditorStore(""), settings: createSettingsStore() };
    stores.settings.getState().update({ gil: true, switchIntervalMs: 20 });
    applyExample(stores, findExample("race-without-lock")!);
    expect(stores.settings.getState()).toMatchObject({ gil: false, switchIntervalMs: 20 });
  });
});
