// A modal dialog on the native <dialog> element: the browser gives it focus
// trapping, Escape to close, the top layer and the right ARIA role, which a
// hand-made overlay would have to imitate. Mounted = open; closing (Escape,
// the × button, a click on the backdrop) calls onClose. Also the copy
// helpers both dialogs use: the clipboard, else a selected text field.

import { useEffect, useId, useRef, type ReactNode } from "react";
import { useStrings } from "../i18n/language";

const STRINGS = { en: { close: "Close", copy: "Copy" }, zh: { close: "关闭", copy: "复制" } };

export type CopyState = "copying" | "copied" | "failed";

export function Dialog({ title, onClose, children, testId, className = "" }: { title: string; onClose(): void; children: ReactNode; testId?: string; className?: string }) {
  const s = useStrings(STRINGS);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current!;
    // No close() on cleanup: unmounting removes it from the top layer, and a
    // close() there would fire "close" during React's StrictMode re-mount.
    if (!dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      // A click on the backdrop lands on the <dialog> itself, not its content.
      onClick={(e) => { if (e.target === ref.current) ref.current.close(); }}
    >
      <div className="dialog-body">
        <div className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close" aria-label={s.close} title={s.close} onClick={() => ref.current?.close()}>
            ×
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}

/** Copies text with the async clipboard API; false where it is missing or refused (then the UI shows the text to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A read-only field with the text selected when copying failed (so Ctrl+C copies it), and a Copy button. */
export function CopyField(props: { text: string; copy: CopyState; onCopy(): void; label: string; multiline?: boolean; testId?: string }) {
  const { text, copy, onCopy, label, multiline = false, testId = "share-url" } = props;
  const s = useStrings(STRINGS);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => { if (copy === "failed") field.current?.select(); }, [copy, text]);
  const fieldProps = {
    ref: field,
    readOnly: true,
    value: text,
    "aria-label": label,
    onFocus: (e: { target: { select(): void } }) => e.target.select(),
    className: "share-field",
    "data-testid": testId,
  };
  return (
    <div className="share-row">
      {multiline ? <textarea rows={5} spellCheck={false} {...fieldProps} /> : <input type="text" {...fieldProps} />}
      <button type="button" className="button primary" onClick={onCopy}>
        {s.copy}
      </button>
    </div>
  );
}
