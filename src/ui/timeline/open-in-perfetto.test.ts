// Where "Open in Perfetto" sends the trace: the address a page of this
// origin stored (a self-hosted Perfetto, a test's stand-in) only when it is
// https, or http on this machine; anything else would hand a learner's
// trace to whoever managed to store the address, in the clear.
import { describe, expect, it } from "vitest";
import { DEFAULT_PERFETTO_URL, perfettoUrl } from "./open-in-perfetto";

describe("perfettoUrl", () => {
  it("is ui.perfetto.dev when nothing is stored", () => {
    expect(perfettoUrl(null)).toBe(DEFAULT_PERFETTO_URL);
    expect(perfettoUrl("")).toBe(DEFAULT_PERFETTO_URL);
  });

  it("takes any https address, path and hash included", () => {
    expect(perfettoUrl("https://perfetto.example.org/ui/#!/viewer")).toBe("https://perfetto.example.org/ui/#!/viewer");
  });

  it("takes http only on this machine", () => {
    expect(perfettoUrl("http://localhost:10000")).toBe("http://localhost:10000/");
    expect(perfettoUrl("http://127.0.0.1:4400/stand-in.html")).toBe("http://127.0.0.1:4400/stand-in.html");
    expect(perfettoUrl("http://[::1]:8080/")).toBe("http://[::1]:8080/");
    expect(perfettoUrl("http://perfetto.example.org/")).toBe(DEFAULT_PERFETTO_URL);
    expect(perfettoUrl("http://localhost.example.org/")).toBe(DEFAULT_PERFETTO_URL);
  });

  it("refuses what is not a web address, or carries credentials", () => {
    for (const bad of ["javascript:alert(1)", "data:text/html,hi", "file:///tmp/x.html", "ui.perfetto.dev", "not a url", "https://user:secret@perfetto.example.org/"]) {
      expect(perfettoUrl(bad), bad).toBe(DEFAULT_PERFETTO_URL);
    }
  });
});
