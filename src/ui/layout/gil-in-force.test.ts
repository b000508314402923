import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../runtime/settings";
import { parsePragmas } from "../../compile/pragmas";
import { controlledInForce, firstLine, gilInForce } from "./gil-in-force";

const toolbarOff = { gil: false, switchIntervalMs: 5 };
const pragmas = (code: string) => parsePragmas(code).pragmas;

describe("the GIL setting in force", () => {
  it("is the toolbar's when the code has no pragma", () => {
    expect(gilInForce(toolbarOff, pragmas("import {} from 'playground';\n"), null)).toEqual({ on: false, byCode: false, switchIntervalMs: 5, intervalByCode: false });
    expect(gilInForce({ gil: true, switchIntervalMs: 20 }, {}, null)).toMatchObject({ on: true, byCode: false, switchIntervalMs: 20 });
  });

  it("is the pragma's, marked as set by the code, when line 1 sets it (the pragma beats the toolbar)", () => {
    const code = "// playground: gil=on switchInterval=2\nprint(1)\n";
    expect(gilInForce(toolbarOff, pragmas(code), null)).toEqual({ on: true, byCode: true, switchIntervalMs: 2, intervalByCode: true });
    expect(gilInForce({ gil: true, switchIntervalMs: 5 }, pragmas("// playground: gil=off\n"), null)).toMatchObject({ on: false, byCode: true });
  });

  it("while a run goes on, is what that run resolved, even when a request overrode the pragma", () => {
    const fromCode = pragmas("// playground: gil=on\n");
    const pragmaWon = { settings: { ...DEFAULT_SETTINGS, gil: true }, fromCode };
    expect(gilInForce(toolbarOff, {}, pragmaWon)).toMatchObject({ on: true, byCode: true });
    const requestWon = { settings: { ...DEFAULT_SETTINGS, gil: false }, fromCode };
    expect(gilInForce(toolbarOff, fromCode, requestWon)).toMatchObject({ on: false, byCode: false });
  });

  it("controlled follows the same rule: a run's resolved value, else the pragma's, else the toolbar's", () => {
    expect(controlledInForce({ controlled: true }, {}, null)).toEqual({ on: true, byCode: false });
    expect(controlledInForce({ controlled: true }, pragmas("// playground: controlled=off\n"), null)).toEqual({ on: false, byCode: true });
    const fromCode = pragmas("// playground: controlled=on\n");
    expect(controlledInForce({ controlled: false }, fromCode, { settings: { ...DEFAULT_SETTINGS, controlled: true }, fromCode })).toEqual({ on: true, byCode: true });
    expect(controlledInForce({ controlled: false }, fromCode, { settings: { ...DEFAULT_SETTINGS, controlled: false }, fromCode })).toEqual({ on: false, byCode: false });
  });

  it("reads only the first line", () => {
    expect(firstLine("a\nb")).toBe("a");
    expect(firstLine("only")).toBe("only");
  });
});
