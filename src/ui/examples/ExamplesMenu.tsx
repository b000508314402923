// The toolbar's Examples button and its menu: the gallery grouped by topic
// (WAI-ARIA menu button pattern). Choosing an example loads its code and
// settings (load-example.ts); keys move as menu-keys.ts says; Escape, Tab or
// a click elsewhere closes the menu.

import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { EXAMPLES, TOPICS, type Example } from "../../examples/catalog";
import { useLanguage, useStrings } from "../i18n/language";
import { useApp, useEditorState } from "../state/hooks";
import { applyExample } from "./load-example";
import { nextMenuIndex, type MenuItemInfo } from "./menu-keys";
import "./examples.css";

const STRINGS = {
  en: { button: "Examples", menu: "Example programs", title: "Load an example program (replaces the code in the editor)", loaded: "loaded" },
  zh: { button: "示例", menu: "示例程序", title: "载入一个示例程序（替换编辑器中的代码）", loaded: "当前" },
};

// Menu order: topic by topic, as the catalog lists them; `first` is the
// index of a topic's first example in ORDERED.
const GROUPS = TOPICS.map((topic) => ({ topic, examples: EXAMPLES.filter((e) => e.topic === topic.id), first: 0 }));
GROUPS.forEach((g, i) => { g.first = i === 0 ? 0 : GROUPS[i - 1].first + GROUPS[i - 1].examples.length; });
const ORDERED: Example[] = GROUPS.flatMap((g) => g.examples);

export function ExamplesMenu() {
  const app = useApp();
  const language = useLanguage();
  const s = useStrings(STRINGS);
  const currentId = useEditorState((state) => state.exampleId);
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  // Where the button ends: a phone's narrow popover (examples.css) opens just below it.
  const [topPx, setTopPx] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();

  const infos: MenuItemInfo[] = useMemo(
    () => ORDERED.map((e) => ({ label: e.text[language].title, group: TOPICS.findIndex((t) => t.id === e.topic) })),
    [language],
  );

  const openAt = (index: number) => {
    setFocusIndex(index);
    setTopPx(Math.round(buttonRef.current?.getBoundingClientRect().bottom ?? 0) + 6);
    setOpen(true);
  };
  const openAtCurrent = () => openAt(Math.max(0, ORDERED.findIndex((e) => e.id === currentId)));
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (example: Example) => {
    applyExample(app.stores, example);
    close(true);
  };

  // Focus follows focusIndex while the menu is open.
  useEffect(() => {
    if (open) itemRefs.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  // A press anywhere outside closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (event.key === "ArrowUp") openAt(ORDERED.length - 1);
      else openAtCurrent();
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key === "Tab") {
      close(false);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const next = nextMenuIndex(event.key, focusIndex, infos);
    if (next !== null) {
      event.preventDefault();
      setFocusIndex(next);
    }
  };

  return (
    <div className="examples-menu" ref={rootRef} data-testid="examples-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={s.title}
        onClick={() => (open ? close(false) : openAtCurrent())}
        onKeyDown={onButtonKeyDown}
        data-testid="examples-button"
      >
        {s.button} <span aria-hidden="true" className="examples-caret">▾</span>
      </button>
      {open && (
        <div
          id={menuId}
          className="examples-popover"
          role="menu"
          aria-label={s.menu}
          onKeyDown={onMenuKeyDown}
          style={{ "--examples-top": `${topPx}px` } as CSSProperties}
        >
          <div className="examples-columns" role="none">
            {GROUPS.map(({ topic, examples, first }) => (
              <div key={topic.id} className="examples-group" role="group" aria-labelledby={`${menuId}-${topic.id}`}>
                <div id={`${menuId}-${topic.id}`} className="examples-group-title" role="presentation">
                  {topic.title[language]}
                </div>
                {examples.map((example, k) => {
                  const i = first + k;
                  const current = example.id === currentId;
                  return (
                    <button
                      key={example.id}
                      ref={(el) => { itemRefs.current[i] = el; }}
                      type="button"
                      role="menuitem"
                      tabIndex={i === focusIndex ? 0 : -1}
                      className={current ? "examples-item current" : "examples-item"}
                      aria-current={current ? "true" : undefined}
                      data-example-id={example.id}
                      onClick={() => choose(example)}
                      onMouseEnter={() => setFocusIndex(i)}
                    >
                      {example.text[language].title}
                      {current && <span className="examples-loaded">{s.loaded}</span>}
                    </button>
                  );
                })}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
