// Starts the page: the runtime, the app's stores and controller (with the
// code of a share link, the draft or the starter: share/startup.ts), the
// automation API, then React: the full page, or the embed view for
// `?embed=1` (share/embed-options.ts). If the runtime cannot even be
// created, the page still renders and says why instead of going blank.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { starterCode } from "./examples/starter";
import type { PlaygroundRuntime } from "./session/runtime-api";
import { createPlaygroundRuntime } from "./session/playground-runtime";
import { App } from "./ui/App";
import { installAutomation, parseOriginPolicy } from "./ui/frame-requests";
import { currentLanguage } from "./ui/i18n/language";
import { registerIsolationServiceWorker } from "./ui/coi-register";
import { EmbedApp } from "./ui/embed/EmbedApp";
import { ErrorBoundary } from "./ui/layout/ErrorBoundary";
import { createPlaygroundApp } from "./ui/playground-app";
import { gateLanguageWorkers } from "./ui/editor/language-workers";
import { parseEmbedOptions } from "./ui/share/embed-options";
import { applyStartup, readStartup } from "./ui/share/startup";
import { unavailableRuntime } from "./ui/unavailable-runtime";
import "./ui/theme.css";

function startRuntime(): PlaygroundRuntime {
  try {
    return createPlaygroundRuntime();
  } catch (error) {
    console.error("the runtime could not start", error);
    return unavailableRuntime(`The runtime could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// On a static host without isolation headers: isolate through a service worker (reloads once).
registerIsolationServiceWorker();

const embed = parseEmbedOptions(location.search);
const startup = readStartup(starterCode(currentLanguage()), embed !== null);
const app = createPlaygroundApp(startRuntime(), startup.code);
gateLanguageWorkers(app);
applyStartup(app, startup, embed !== null);
installAutomation(app, parseOriginPolicy(new URLSearchParams(location.search).get("origin")));
// Only an embed that asks for it, inside a frame, runs by itself, once: a
// link opened in a tab of its own never runs a stranger's code unasked.
if (embed?.autorun && window.parent !== window && app.controller.canRun) void app.ready.then(() => app.controller.run());

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ErrorBoundary>
      {embed ? <EmbedApp app={app} options={embed} /> : <App app={app} />}
    </ErrorBoundary>
  </StrictMode>,
);
