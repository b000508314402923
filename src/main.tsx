// Starts the page: the runtime, the app's stores and controller, the
// automation API, then React. If the runtime cannot even be created, the
// page still renders and says why instead of going blank.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { starterSnippet } from "./examples/starter";
import type { PlaygroundRuntime } from "./runtime/runtime-api";
import { createPlaygroundRuntime } from "./runtime/playground-runtime";
import { App } from "./ui/App";
import { installAutomation } from "./ui/automation";
import { ErrorBoundary } from "./ui/layout/ErrorBoundary";
import { createPlaygroundApp } from "./ui/playground-app";
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

const app = createPlaygroundApp(startRuntime(), starterSnippet);
installAutomation(app);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ErrorBoundary>
      <App app={app} />
    </ErrorBoundary>
  </StrictMode>,
);
