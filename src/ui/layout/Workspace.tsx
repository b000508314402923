// The full page's panes: editor and output side by side over the timeline
// (layout.css's grid), or, on a phone, one at a time as tabs. Each pane has
// its own error boundary so one failing panel leaves the others usable.

import { useEffect, useState } from "react";
import { EditorPane } from "../editor/EditorPane";
import { useStrings } from "../i18n/language";
import { OutputPanel } from "../output/OutputPanel";
import { useApp } from "../state/hooks";
import { TimelinePanel } from "../timeline/TimelinePanel";
import { ErrorBoundary } from "./ErrorBoundary";
import { PHONE_QUERY, TabbedPanes, useMediaQuery } from "./Tabs";

type PaneId = "editor" | "output" | "timeline";

const STRINGS = {
  en: { panes: "Panes", editor: "Editor", output: "Output", timeline: "Timeline" },
  zh: { panes: "面板", editor: "编辑器", output: "输出", timeline: "时间线" },
};

export function Workspace() {
  const app = useApp();
  const s = useStrings(STRINGS);
  const phone = useMediaQuery(PHONE_QUERY);
  const [active, setActive] = useState<PaneId>("editor");

  // On a phone Run is pressed from the editor tab: show what the run prints.
  useEffect(
    () =>
      app.stores.run.subscribe((state, previous) => {
        if (state.phase === "running" && previous.phase !== "running") setActive((tab) => (tab === "editor" ? "output" : tab));
      }),
    [app],
  );

  return (
    <TabbedPanes<PaneId>
      as="main"
      className="workspace"
      tabbed={phone}
      label={s.panes}
      active={active}
      onSelect={setActive}
      tabs={[
        { id: "editor", label: s.editor, content: <ErrorBoundary label="The editor"><EditorPane /></ErrorBoundary> },
        { id: "output", label: s.output, content: <ErrorBoundary label="The output panel"><OutputPanel /></ErrorBoundary> },
        { id: "timeline", label: s.timeline, content: <ErrorBoundary label="The timeline"><TimelinePanel /></ErrorBoundary> },
      ]}
    />
  );
}
