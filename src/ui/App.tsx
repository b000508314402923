// The page's layout: toolbar, the isolation banner when needed, then editor
// and output side by side over the timeline. Each pane has its own
// error boundary so one failing panel leaves the others usable.

import { useEffect } from "react";
import { EditorPane } from "./editor/EditorPane";
import { ErrorBoundary } from "./layout/ErrorBoundary";
import { IsolationBanner } from "./layout/IsolationBanner";
import { Toolbar } from "./layout/Toolbar";
import { OutputPanel } from "./output/OutputPanel";
import { TimelinePanel } from "./timeline/TimelinePanel";
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
        <main className="workspace">
          <ErrorBoundary label="The editor">
            <EditorPane />
          </ErrorBoundary>
          <ErrorBoundary label="The output panel">
            <OutputPanel />
          </ErrorBoundary>
          <ErrorBoundary label="The timeline">
            <TimelinePanel />
          </ErrorBoundary>
        </main>
      </div>
    </AppContext.Provider>
  );
}
