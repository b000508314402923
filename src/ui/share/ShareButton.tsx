// The toolbar's Share and Embed buttons. Share copies a link to the current
// code, settings and example to the clipboard and shows it in a dialog (the
// text field is the fallback where the clipboard is refused, and lets the
// learner see what they share); a link too long to travel safely is still
// given, with a warning. Embed opens EmbedDialog.tsx.

import { useState } from "react";
import { useStrings } from "../i18n/language";
import { useApp } from "../state/hooks";
import { shareSettings } from "../state/stores";
import { CopyField, copyText, Dialog, type CopyState } from "./Dialog";
import { EmbedDialog } from "./EmbedDialog";
import { buildShareUrl, MAX_LINK_CHARS } from "./share-link";
import "./share.css";
import { groupedCount } from "../../base/grouped-count";

const STRINGS = {
  en: {
    share: "Share",
    shareTitle: "Copy a link to this code and its settings",
    embed: "Embed",
    embedTitle: "Get the HTML to embed this code in a web page",
    dialogTitle: "Share this code",
    copying: "Copying…",
    copied: "Link copied",
    notCopied: "The browser did not allow copying: select the link below and copy it (Ctrl+C, ⌘C on a Mac).",
    link: "Link",
    tooLong: (n: number) =>
      `This link is ${groupedCount(n)} characters long. Links over ${groupedCount(MAX_LINK_CHARS)} characters are often cut off by chat apps, mail and URL shorteners, and a cut link cannot be opened. Consider sharing a shorter snippet.`,
    note: "The link holds the code itself (compressed), the GIL and thread settings: nothing is stored on a server. Opening it loads the code without running it.",
  },
  zh: {
    share: "分享",
    shareTitle: "复制指向这段代码及其设置的链接",
    embed: "嵌入",
    embedTitle: "获取在网页中嵌入这段代码的 HTML",
    dialogTitle: "分享这段代码",
    copying: "正在复制…",
    copied: "链接已复制",
    notCopied: "浏览器不允许复制：请选中下面的链接手动复制（Ctrl+C，Mac 上为 ⌘C）。",
    link: "链接",
    tooLong: (n: number) =>
      `这个链接长达 ${n} 个字符。超过 ${MAX_LINK_CHARS} 个字符的链接常被聊天软件、邮件和短链接服务截断，截断后就无法打开。建议分享更短的代码。`,
    note: "链接本身包含（压缩后的）代码、GIL 和线程设置，不会保存到任何服务器。打开链接只会载入代码，不会自动运行。",
  },
};

export function ShareButtons() {
  const app = useApp();
  const s = useStrings(STRINGS);
  const [shared, setShared] = useState<{ url: string; tooLong: boolean } | null>(null);
  const [copy, setCopy] = useState<CopyState>("copying");
  const [embedding, setEmbedding] = useState(false);

  const share = () => {
    const { code, exampleId } = app.stores.editor.getState();
    const link = buildShareUrl(location.href, { code, exampleId, settings: shareSettings(app.stores.settings) });
    setShared(link);
    setCopy("copying");
    // Called in the click itself: some browsers allow the clipboard only during the user's gesture.
    void copyText(link.url).then((ok) => setCopy(ok ? "copied" : "failed"));
  };

  return (
    <div className="share-buttons">
      <button type="button" className="button" onClick={share} title={s.shareTitle} data-testid="share">
        <LinkIcon /> <span className="share-label">{s.share}</span>
      </button>
      <button type="button" className="button" onClick={() => setEmbedding(true)} title={s.embedTitle} data-testid="embed">
        <span aria-hidden="true" className="icon share-icon">&lt;/&gt;</span> <span className="share-label">{s.embed}</span>
      </button>
      {shared && (
        <Dialog title={s.dialogTitle} onClose={() => setShared(null)} testId="share-dialog">
          <CopyField text={shared.url} copy={copy} onCopy={() => void copyText(shared.url).then((ok) => setCopy(ok ? "copied" : "failed"))} label={s.link} />
          <p className={`share-status share-status-${copy}`} role="status">
            {copy === "copying" ? s.copying : copy === "copied" ? `✓ ${s.copied}` : s.notCopied}
          </p>
          {shared.tooLong && (
            <p className="share-warning" role="alert" data-testid="share-too-long">
              {s.tooLong(shared.url.length)}
            </p>
          )}
          <p className="share-note">{s.note}</p>
        </Dialog>
      )}
      {embedding && <EmbedDialog onClose={() => setEmbedding(false)} />}
    </div>
  );
}

/** Two chain links: the usual sign for "link" (a glyph for it renders differently on every system). */
function LinkIcon() {
  return (
    <svg aria-hidden="true" className="share-svg" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
      <path d="M6.8 9.2a3 3 0 0 0 4.2 0l2.1-2.1a3 3 0 0 0-4.2-4.2l-1 1" />
      <path d="M9.2 6.8a3 3 0 0 0-4.2 0L2.9 8.9a3 3 0 0 0 4.2 4.2l1-1" />
    </svg>
  );
}
