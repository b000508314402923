// Panes that become tabs where there is no room for them side by side: the
// full page on a phone (Editor / Output / Timeline) and the embed view
// (Output / Timeline). The panes stay mounted either way, in the same place
// in the tree, so switching tab or rotating the phone keeps Monaco's undo
// history and the timeline's zoom; only CSS and ARIA roles change.
// Keyboard: the WAI-ARIA tabs pattern (arrows, Home, End; automatic activation).

import { useEffect, useState, type KeyboardEvent, type ReactNode } from "react";
import "./tabs.css";

export interface PaneTab<Id extends string> {
  id: Id;
  label: string;
  content: ReactNode;
}

interface Props<Id extends string> {
  tabs: readonly PaneTab<Id>[];
  active: Id;
  onSelect(id: Id): void;
  /** false: every pane shows (the parent's CSS lays them out); true: one at a time under a tab bar */
  tabbed: boolean;
  /** names the tab bar for screen readers */
  label: string;
  className?: string;
  as?: "div" | "main";
}

export function TabbedPanes<Id extends string>({ tabs, active, onSelect, tabbed, label, className = "", as: Root = "div" }: Props<Id>) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.findIndex((t) => t.id === active);
    const next =
      event.key === "ArrowRight" ? (index + 1) % tabs.length
      : event.key === "ArrowLeft" ? (index - 1 + tabs.length) % tabs.length
      : event.key === "Home" ? 0
      : event.key === "End" ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(tabs[next].id);
    document.getElementById(`tab-${tabs[next].id}`)?.focus();
  };

  return (
    <Root className={`${className} ${tabbed ? "tabs-on" : "tabs-off"}`}>
      <div role="tablist" aria-label={label} className="tab-list" hidden={!tabbed}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            className="tab"
            aria-selected={tab.id === active}
            aria-controls={`tabpanel-${tab.id}`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={onKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          id={`tabpanel-${tab.id}`}
          className={`tab-panel tab-panel-${tab.id}`}
          role={tabbed ? "tabpanel" : undefined}
          aria-labelledby={tabbed ? `tab-${tab.id}` : undefined}
          hidden={tabbed && tab.id !== active}
        >
          {tab.content}
        </div>
      ))}
    </Root>
  );
}

/** Whether a CSS media query matches, following changes (rotation, resizing). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === "function" && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== "function") return;
    const list = matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  }, [query]);
  return matches;
}

/** Narrower than this, the full page shows its panes as tabs. */
export const PHONE_QUERY = "(max-width: 699.98px)";
