// The keyboard shortcuts, listed in a dialog: the "⌨" button or "?" (when
// not typing) opens it, Escape closes it (Dialog is a native <dialog>,
// which keeps focus inside while open).

import { useEffect, useState } from "react";
import { Dialog } from "../share/Dialog";
import { runShortcutLabel } from "../format";
import { useStrings, type Strings } from "../i18n/language";

interface HelpText {
  open: string;
  title: string;
  groups: { name: string; keys: [string, string][] }[];
}

const mod = () => runShortcutLabel().replace("+Enter", "");

const STRINGS: Strings<() => HelpText> = {
  en: () => ({
    open: "Keyboard shortcuts (?)",
    title: "Keyboard shortcuts",
    groups: [
      { name: "Run", keys: [[`${mod()}+Enter`, "Run the snippet"], [`${mod()}+Shift+Enter`, "Stop every thread of the run"], ["?", "Show this list"]] },
      { name: "Timeline (click it first)", keys: [["W / S, + / −, wheel", "Zoom in / out"], ["A / D, drag, Shift+wheel", "Pan"], ["0", "Fit the whole run"], ["click a print tick", "Find its line in the output"]] },
      { name: "Editor", keys: [["F1", "Command palette"], [`${mod()}+F`, "Find"], ["Ctrl+Space", "Suggestions from the playground API"], ["Ctrl+M, then Tab", "Let Tab leave the editor (Monaco's tab trapping; Ctrl+M again to undo)"]] },
    ],
  }),
  zh: () => ({
    open: "键盘快捷键（?）",
    title: "键盘快捷键",
    groups: [
      { name: "运行", keys: [[`${mod()}+Enter`, "运行代码"], [`${mod()}+Shift+Enter`, "停止本次运行的所有线程"], ["?", "显示此列表"]] },
      { name: "时间线（先点击它）", keys: [["W / S、+ / −、滚轮", "放大 / 缩小"], ["A / D、拖动、Shift+滚轮", "平移"], ["0", "显示整个运行过程"], ["点击输出刻度", "在输出中找到对应的行"]] },
      { name: "编辑器", keys: [["F1", "命令面板"], [`${mod()}+F`, "查找"], ["Ctrl+Space", "playground API 的补全建议"], ["Ctrl+M，然后 Tab", "让 Tab 键离开编辑器（再按 Ctrl+M 恢复）"]] },
    ],
  }),
};

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || !!target.closest(".monaco-editor"));

export function ShortcutsHelp() {
  const t = useStrings(STRINGS)();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button type="button" className="button icon-button" aria-label={t.open} title={t.open} data-testid="shortcuts-button" onClick={() => setOpen(true)}>
        <span aria-hidden="true">⌨</span>
      </button>
      {open && (
        <Dialog title={t.title} onClose={() => setOpen(false)} testId="shortcuts-dialog">
          {t.groups.map((group) => (
            <section key={group.name} className="shortcut-group">
              <h3>{group.name}</h3>
              <dl className="shortcut-list">
                {group.keys.map(([keys, what]) => (
                  <div key={keys} className="shortcut-row">
                    <dt><kbd>{keys}</kbd></dt>
                    <dd>{what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </Dialog>
      )}
    </>
  );
}
