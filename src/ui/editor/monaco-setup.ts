// Monaco, bundled with the app (no CDN: the playground works offline) and
// trimmed to the editor features plus the TypeScript language (and Python's
// colouring, for the examples' Python panel). This module
// is loaded lazily after first paint; importing it configures Monaco once.

import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/languages/definitions/python/register";
import {
  ModuleKind,
  ModuleResolutionKind,
  typescriptDefaults,
  type CompilerOptions,
} from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TypeScriptWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import playgroundTypes from "../../api/playground.d.ts?raw";
import { languageWorkersMayStart } from "./language-workers";

self.MonacoEnvironment = {
  // Not before the page's first run (language-workers.ts): Monaco waits for a promised worker.
  getWorker(_moduleId: string, label: string) {
    return languageWorkersMayStart.then(() => (label === "typescript" || label === "javascript" ? new TypeScriptWorker() : new EditorWorker()));
  },
};

/** Where the snippet's model lives; a module file, so `import` is allowed. */
export const SNIPPET_URI = monaco.Uri.parse("file:///snippet.ts");

// Monaco's enum stops at ES2020; the worker's TypeScript knows ES2022 (= 9).
const ES2022 = 9 as CompilerOptions["target"];

typescriptDefaults.setCompilerOptions({
  target: ES2022,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  // Snippets run in Web Workers: no DOM, but the worker globals (console, setTimeout).
  lib: ["es2022", "webworker"],
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  isolatedModules: true,
});
typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
// An ambient `declare module "playground"` in a lib file, so it resolves without any real package.
typescriptDefaults.addExtraLib(playgroundTypes, "file:///node_modules/playground/index.d.ts");

const light = { background: "#fbfbfc", lineNumber: "#9aa0a6", gutter: "#fbfbfc" };
const dark = { background: "#1b1d21", lineNumber: "#5f6670", gutter: "#1b1d21" };
monaco.editor.defineTheme("playground-light", {
  base: "vs",
  inherit: true,
  rules: [],
  colors: { "editor.background": light.background, "editorLineNumber.foreground": light.lineNumber, "editorGutter.background": light.gutter },
});
monaco.editor.defineTheme("playground-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [],
  colors: { "editor.background": dark.background, "editorLineNumber.foreground": dark.lineNumber, "editorGutter.background": dark.gutter },
});

export { monaco };
