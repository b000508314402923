// The embed view (`?embed=1`, options in share/embed-options.ts): what a
// course page shows in an iframe. A slim toolbar (Run, Stop, status, a link
// to the full playground with the same code), the example's explanation when
// the address asks for it (explain=1), the editor, and output and timeline
// as tabs. Where the frame is not cross-origin isolated (a browser
// without Document-Isolation-Policy), running is impossible here: the
// isolation banner says so and the link to the full page, which opens in a
// new tab where it can be isolated, becomes the main action.

import { useEffect, useState } from "react";
import { EditorPane } from "../editor/EditorPane";
import { ExampleExplanation } from "../examples/ExampleExplanation";
import { useStrings } from "../i18n/language";
import { ErrorBoundary } from "../layout/ErrorBoundary";
import { IsolationBanner } from "../layout/IsolationBanner";
import { TabbedPanes } from "../layout/Tabs";
import { RunStopButtons } from "../layout/RunStopButtons";
import { StatusText } from "../layout/Toolbar";
import { OutputPanel } from "../output/OutputPanel";
import type { PlaygroundApp } from "../playground-app";
import { installRunShortcut } from "../run-shortcut";
import type { EmbedOptions, EmbedPanel } from "../share/embed-options";
import { LinkNotice } from "../share/LinkNotice";
import { buildShareUrl } from "../share/share-link";
import { AppContext, useApp, useEditorState, useSettings } from "../state/hooks";
import { TimelinePanel } from "../timeline/TimelinePanel";
import "../layout/layout.css";
import "./embed.css";

const STRINGS = {
  en: {
    heading: "Concurrency Playground",
    open: "Open in playground ↗",
    openTitle: "Open this code in the full playground, in a new tab",
    readOnly: "read-only",
    panels: "Output and timeline",
    output: "Output",
    timeline: "Timeline",
  },
  zh: {
    heading: "并发演练场",
    open: "在演练场中打开 ↗",
    openTitle: "在新标签页中用完整的演练场打开这段代码",
    readOnly: "只读",
    panels: "输出和时间线",
    output: "输出",
    timeline: "时间线",
  },
};

export function EmbedApp({ app, options }: { app: PlaygroundApp; options: EmbedOptions }) {
  const [panel, setPanel] = useState<EmbedPanel>(options.panel);
  const s = useStrings(STRINGS);
  useEffect(() => installRunShortcut(app), [app]);
  useEffect(() => app.markReady(), [app]);

  return (
    <AppContext.Provider value={app}>
      <div className="app embed" data-embed-panel={panel}>
        <ErrorBoundary label="The toolbar">
          <EmbedToolbar readOnly={options.readOnly} />
        </ErrorBoundary>
        <IsolationBanner />
        <LinkNotice />
        {options.explain && <ExampleExplanation />}
        <main className="embed-body">
          <ErrorBoundary label="The editor">
            <EditorPane readOnly={options.readOnly} />
          </ErrorBoundary>
          <TabbedPanes<EmbedPanel>
            className="embed-tabs"
            tabbed
            label={s.panels}
            active={panel}
            onSelect={setPanel}
            tabs={[
              { id: "output", label: s.output, content: <ErrorBoundary label="The output panel"><OutputPanel /></ErrorBoundary> },
              { id: "timeline", label: s.timeline, content: <ErrorBoundary label="The timeline"><TimelinePanel /></ErrorBoundary> },
            ]}
          />
        </main>
      </div>
    </AppContext.Provider>
  );
}

function EmbedToolbar({ readOnly }: { readOnly: boolean }) {
  const app = useApp();
  const s = useStrings(STRINGS);
  const canRun = app.controller.canRun;
  // The full page with the code as it is now (edits included), not as the embed was loaded.
  const code = useEditorState((e) => e.code);
  const exampleId = useEditorState((e) => e.exampleId);
  const gil = useSettings((x) => x.gil);
  const switchIntervalMs = useSettings((x) => x.switchIntervalMs);
  const maxThreads = useSettings((x) => x.maxThreads);
  const fullPage = buildShareUrl(location.href, { code, exampleId, settings: { gil, switchIntervalMs, maxThreads } }).url;

  return (
    <header className="toolbar embed-toolbar">
      {/* The frame's heading, for screen readers: a course page may hold several frames. */}
      <h1 className="embed-heading">{s.heading}</h1>
      <RunStopButtons />
      {readOnly && <span className="embed-badge" data-testid="readonly-badge">{s.readOnly}</span>}
      <StatusText />
      <a
        className={canRun ? "embed-open" : "button primary embed-open"}
        href={fullPage}
        target="_blank"
        rel="noopener"
        title={s.openTitle}
        data-testid="open-in-playground"
      >
        {s.open}
      </a>
    </header>
  );
}
