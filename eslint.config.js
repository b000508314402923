// Lint: typescript-eslint's recommended rules, plus DESIGN.md's import rules
// ("Layout and style": which src/ folder may import which) as
// no-restricted-imports, one rule set per folder. ESLint does not merge two
// configs' options for one rule, so each folder gets its whole list here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import { defineConfig, globalIgnores } from "eslint/config";

const TS_JS = "{ts,tsx,mts,cts,js,mjs,cjs}";

// Relative imports that reach another src/ folder: "../ui", "../../ui/App" ...
const folder = (name, message, except) => ({
  regex: `^(\\.\\./)+${name}(/${except ? `(?!(${except})$)` : ""}.*)?$`,
  message,
});

const UI_PACKAGES = {
  group: ["react", "react/**", "react-dom", "react-dom/**", "zustand/react", "zustand/react/**", "monaco-editor", "monaco-editor/**"],
  message: "React, zustand's React binding and Monaco belong in src/ui/ (and src/main.tsx) only (DESIGN.md, Layout).",
};
// The bare "zustand" entry point re-exports the React binding (`create`); use "zustand/vanilla" outside src/ui/.
const ZUSTAND_ROOT = { name: "zustand", message: 'Outside src/ui/ use "zustand/vanilla": "zustand" is the React binding.' };

/** A file set's import rule: UI packages are banned, plus the given src/ folders. */
function imports(files, banned) {
  return {
    files,
    rules: {
      "no-restricted-imports": ["error", { paths: [ZUSTAND_ROOT], patterns: [UI_PACKAGES, ...banned] }],
    },
  };
}

const may = (text) => `DESIGN.md, Layout: ${text}.`;
const OTHERS = ["api", "sync", "runtime", "compile", "trace", "timeline", "ui", "examples", "session"];
const allBut = (allowed, text) =>
  OTHERS.filter((name) => !allowed.includes(name)).map((name) => folder(name, may(text)));

export default defineConfig([
  globalIgnores(["dist/", "node_modules/", "test-results/", "playwright-report/", ".vite/", "coverage/"]),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-non-null-assertion": "off",
      // The runtime copies arbitrary user functions into threads: `Function` is the honest type there.
      "@typescript-eslint/no-unsafe-function-type": "off",
      "@typescript-eslint/no-explicit-any": "warn",
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },

  // The app: the page and its workers.
  {
    files: [`src/**/*.${TS_JS}`],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: [`public/**/*.${TS_JS}`],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },
  // Unit tests run in Node (vite.config.ts: environment "node").
  {
    files: [`src/**/*.test.${TS_JS}`],
    languageOptions: { globals: { ...globals.node } },
  },
  // Tooling runs in Node; e2e and bench also pass functions to page.evaluate.
  {
    files: [`*.${TS_JS}`, `scripts/**/*.${TS_JS}`],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: [`e2e/**/*.${TS_JS}`, `bench/**/*.${TS_JS}`],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },

  // Import rules, per src/ folder. src/ui/ and src/main.tsx may import anything.
  imports([`src/*.${TS_JS}`], []),
  { files: ["src/main.tsx"], rules: { "no-restricted-imports": "off" } },
  imports([`src/api/**`], allBut(["sync", "runtime", "trace"], "src/api may import sync, runtime, trace and base")),
  imports([`src/sync/**`], allBut([], "src/sync may import only src/base")),
  imports([`src/trace/**`], allBut([], "src/trace may import only src/base")),
  imports([`src/timeline/**`], allBut(["trace"], "src/timeline may import only src/trace and src/base")),
  imports([`src/runtime/**`], [
    ...allBut(["sync", "trace", "compile"], "src/runtime may import sync, trace and base"),
    folder("compile", may("src/runtime may import only the types of src/compile (src/compile/types)"), "types"),
  ]),
  imports([`src/session/**`], allBut(["runtime", "trace", "compile"], "src/session may import runtime, trace, compile and base")),
  imports([`src/compile/**`], [
    folder("ui", may("src/compile imports nothing from src/ui")),
    folder("runtime", may("src/compile may import only the types of src/runtime (src/runtime/types)"), "types"),
  ]),
  imports([`src/examples/**`], [{ regex: "^\\.\\./", message: may("src/examples imports nothing (snippets are strings)") }]),
  imports([`src/base/**`], allBut([], "src/base imports no other src/ folder")),
]);
