import { describe, expect, it } from "vitest";
import type { SnippetDiagnostic } from "../../runtime/types";
import { createEditorStore, createSettingsStore } from "./stores";

const warning = (line: number): SnippetDiagnostic => ({ message: `race at ${line}`, line, column: 1, endLine: line, endColumn: 4, severity: "warning" });

describe("the editor store's run diagnostics", () => {
  it("survive the compiler's answer for the same code, which can arrive after the run found them", () => {
    const editor = createEditorStore("let counter = 0;");
    editor.getState().addRunDiagnostics([warning(9)]);
    editor.getState().addRunDiagnostics([warning(11)]);
    editor.getState().setDiagnostics([]);
    expect(editor.getState().runDiagnostics.map((d) => d.line)).toEqual([9, 11]);
  });

  it("go when the code changes, when an example is loaded and when asked to", () => {
    const editor = createEditorStore("a");
    editor.getState().addRunDiagnostics([warning(1)]);
    editor.getState().setCode("a");
    expect(editor.getState().runDiagnostics).toHaveLength(1);
    editor.getState().setCode("b");
    expect(editor.getState().runDiagnostics).toEqual([]);
    editor.getState().addRunDiagnostics([warning(1)]);
    editor.getState().loadExample("starter", "c");
    expect(editor.getState().runDiagnostics).toEqual([]);
    editor.getState().addRunDiagnostics([warning(2)]);
    editor.getState().clearRunDiagnostics();
    expect(editor.getState().runDiagnostics).toEqual([]);
  });
});

describe("the settings store", () => {
  it("drops a held schedule when a seed is chosen on its own, and keeps it when both come together", () => {
    const settings = createSettingsStore();
    settings.getState().update({ controlled: true, seed: 3, schedule: "s1.abc" });
    expect(settings.getState()).toMatchObject({ seed: 3, schedule: "s1.abc" });
    settings.getState().update({ gil: false });
    expect(settings.getState().schedule).toBe("s1.abc");
    settings.getState().update({ seed: 7 });
    expect(settings.getState()).toMatchObject({ seed: 7, schedule: undefined, controlled: true });
  });
});
