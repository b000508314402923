// "Copy replay link": a share link (share/share-link.ts) with the last
// controlled run's seed and schedule, so whoever opens it sees that exact
// interleaving, step for step (a teacher can link "the run that lost the
// update"). It copies, and shows the link as Share does, where the
// clipboard is refused.

import { useState } from "react";
import { useApp, useRunState } from "../state/hooks";
import { useStrings, type Strings } from "../i18n/language";
import { shareSettings } from "../state/stores";
import { CopyField, copyText, Dialog, type CopyState } from "../share/Dialog";
import { buildShareUrl } from "../share/share-link";

const STRINGS: Strings<{ copy: string; title: string; none: string; dialog: string; copying: string; copied: string; notCopied: string; link: string; note: string }> = {
  en: {
    copy: "Copy replay link",
    title: "Copy a link that replays the last run's interleaving exactly",
    none: "Run the code in Controlled mode first: the link replays that run",
    dialog: "Replay link",
    copying: "Copying…",
    copied: "Link copied",
    notCopied: "The browser did not allow copying: select the link below and copy it (Ctrl+C, ⌘C on a Mac).",
    link: "Link",
    note: "The link holds the code, its seed and its schedule: opening it and pressing Run shows the same interleaving, step for step.",
  },
  zh: {
    copy: "复制重放链接",
    title: "复制一个能精确重放上次运行交错的链接",
    none: "请先在受控模式下运行代码：链接会重放那次运行",
    dialog: "重放链接",
    copying: "正在复制…",
    copied: "链接已复制",
    notCopied: "浏览器不允许复制：请选中下面的链接手动复制（Ctrl+C，Mac 上为 ⌘C）。",
    link: "链接",
    note: "链接包含代码、种子和调度：打开后按“运行”，会逐步重现同一个交错。",
  },
};

export function ReplayLinkButton() {
  const app = useApp();
  const last = useRunState((s) => s.lastResult);
  const t = useStrings(STRINGS);
  const [shown, setShown] = useState<string | null>(null);
  const [copy, setCopy] = useState<CopyState>("copying");
  const replayable = last?.schedule !== undefined && last.seed !== undefined;

  const open = () => {
    if (!last?.schedule) return;
    const { code, exampleId } = app.stores.editor.getState();
    const settings = { ...shareSettings(app.stores.settings), controlled: true, seed: last.seed, schedule: last.schedule };
    const { url } = buildShareUrl(location.href, { code, exampleId, settings });
    setShown(url);
    setCopy("copying");
    // In the click itself: some browsers allow the clipboard only during the user's gesture.
    void copyText(url).then((ok) => setCopy(ok ? "copied" : "failed"));
  };

  return (
    <>
      <button type="button" className="button" data-testid="copy-replay" disabled={!replayable} title={replayable ? t.title : t.none} onClick={open}>
        {t.copy}
      </button>
      {shown && (
        <Dialog title={t.dialog} onClose={() => setShown(null)} testId="replay-dialog">
          <CopyField text={shown} copy={copy} label={t.link} testId="replay-url" onCopy={() => void copyText(shown).then((ok) => setCopy(ok ? "copied" : "failed"))} />
          <p className={`share-status share-status-${copy}`} role="status">{copy === "copying" ? t.copying : copy === "copied" ? `✓ ${t.copied}` : t.notCopied}</p>
          <p className="share-note">{t.note}</p>
        </Dialog>
      )}
    </>
  );
}
