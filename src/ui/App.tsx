// The page's layout: toolbar, the isolation banner when needed, the notice
// about a share link that could not be read, the example's explanation, the
// Controlled bar (step mode, the search) when the mode is Controlled, then
// the panes (Workspace: editor and output over the timeline, or tabs on a
// phone).

import { useEffect } from "react";
import { ExampleExplanation } from "./examples/ExampleExplanation";
import { ControlledBar } from "./controlled/ControlledBar";
import { ErrorBoundary } from "./layout/ErrorBoundary";
import { IsolationBanner } from "./layout/IsolationBanner";
import { Toolbar } from "./layout/Toolbar";
import { Workspace } from "./layout/Workspace";
import { LinkNotice } from "./share/LinkNotice";
import type { PlaygroundApp } from "./playground-app";
import { installRunShortcut } from "./run-shortcut";
import { AppContext } from "./state/hooks";
import "./layout/layout.css";

export function App({ app }: { app: PlaygroundApp }) {
  useEffect(() => installRunShortcut(app), [app]);
  useEffect(() => app.markReady(), [app]);

  return (
    <AppContext.Provider value={app}>
      <div className="app">
        <ErrorBoundary label="The toolbar">
          <Toolbar />
        </ErrorBoundary>
        <IsolationBanner />
        <LinkNotice />
        <ExampleExplanation />
        <ErrorBoundary label="The controlled run bar">
          <ControlledBar />
        </ErrorBoundary>
        <Workspace />
      </div>
    </AppContext.Provider>
  );
}
