// The Embed dialog: the <iframe> HTML that puts the current snippet into a
// course page, with the embed view's options (embed-options.ts): language,
// the example's explanation, read-only, autorun, the panel shown first and
// the height. A live preview below is that very frame, so a teacher sees
// what the course page will show before pasting it. The code updates as
// options change; copying works as in the Share dialog.

import { useState } from "react";
import { useLanguage, useStrings } from "../i18n/language";
import { useApp } from "../state/hooks";
import { shareSettings } from "../state/stores";
import { CopyField, copyText, Dialog, type CopyState } from "./Dialog";
import {
  clampHeight,
  DEFAULT_EMBED_HEIGHT_PX,
  embedIframeHtml,
  embedUrl,
  EMBED_HEIGHT_LIMITS_PX,
  type EmbedLanguage,
  type EmbedPanel,
} from "./embed-options";
import { encodeShareHash, MAX_LINK_CHARS } from "./share-link";

const STRINGS = {
  en: {
    title: "Embed this code",
    language: "Language",
    reader: "The reader's",
    explain: "Show the example's explanation",
    explainNone: "(the code is not a gallery example)",
    readOnly: "Read-only",
    autorun: "Run when loaded",
    panel: "Show first",
    output: "Output",
    timeline: "Timeline",
    height: "Height (px)",
    code: "HTML to paste into your page",
    copied: "✓ HTML copied",
    notCopied: "The browser did not allow copying: select the HTML above and copy it.",
    tooLong: "The snippet is long: the frame's address is over 8,000 characters, which some sites refuse.",
    preview: "Preview",
    previewNote: "This is the frame your page will show (it runs here too when “Run when loaded” is on).",
    note: "The frame needs Document-Isolation-Policy (Chrome and Edge) to run threads inside another page; elsewhere it offers to open the playground in a new tab. Your page can also drive it with postMessage (playground:run, playground:getTrace).",
    frameTitle: "Concurrency Playground",
  },
  zh: {
    title: "嵌入这段代码",
    language: "语言",
    reader: "跟随读者",
    explain: "显示示例说明",
    explainNone: "（这段代码不是图库中的示例）",
    readOnly: "只读",
    autorun: "载入后自动运行",
    panel: "首先显示",
    output: "输出",
    timeline: "时间线",
    height: "高度（像素）",
    code: "粘贴到网页中的 HTML",
    copied: "✓ HTML 已复制",
    notCopied: "浏览器不允许复制：请选中上面的 HTML 手动复制。",
    tooLong: "代码较长：嵌入框架的地址超过 8,000 个字符，部分网站可能不接受。",
    preview: "预览",
    previewNote: "这就是你的网页将显示的框架（勾选“载入后自动运行”时，它在这里也会运行）。",
    note: "在其他网页中运行线程需要浏览器支持 Document-Isolation-Policy（Chrome 和 Edge）；在其他浏览器中，嵌入框会提供“在新标签页中打开”。你的网页也可以通过 postMessage（playground:run、playground:getTrace）控制它。",
    frameTitle: "并发演练场",
  },
};

export function EmbedDialog({ onClose }: { onClose(): void }) {
  const app = useApp();
  const s = useStrings(STRINGS);
  const [language, setLanguage] = useState<EmbedLanguage>(useLanguage());
  const [readOnly, setReadOnly] = useState(false);
  const [autorun, setAutorun] = useState(false);
  const [panel, setPanel] = useState<EmbedPanel>("output");
  // The snippet as it was when the dialog opened (the editor sits behind the modal).
  const [{ hash, isExample }] = useState(() => {
    const { code, exampleId } = app.stores.editor.getState();
    return { hash: encodeShareHash({ code, exampleId, settings: shareSettings(app.stores.settings) }), isExample: exampleId !== null };
  });
  const [explain, setExplain] = useState(isExample);
  const [heightText, setHeightText] = useState(String(DEFAULT_EMBED_HEIGHT_PX));
  const [copy, setCopy] = useState<CopyState | null>(null);

  const heightPx = clampHeight(Number(heightText));
  const options = { readOnly, autorun, panel, explain: explain && isExample, language };
  const html = embedIframeHtml(location.href, hash, { ...options, heightPx }, s.frameTitle);
  const previewSrc = embedUrl(location.href, hash, options);
  const change = <T,>(set: (value: T) => void) => (value: T) => { set(value); setCopy(null); };

  return (
    <Dialog title={s.title} onClose={onClose} testId="embed-dialog" className="embed-dialog">
      <div className="embed-options">
        <label>
          {s.language}{" "}
          <select value={language} onChange={(e) => change(setLanguage)(e.target.value as EmbedLanguage)} data-testid="embed-language">
            <option value="en">English</option>
            <option value="zh">中文</option>
            <option value="reader">{s.reader}</option>
          </select>
        </label>
        <label title={isExample ? undefined : s.explainNone}>
          <input type="checkbox" checked={explain && isExample} disabled={!isExample} onChange={(e) => change(setExplain)(e.target.checked)} data-testid="embed-explain" />{" "}
          {s.explain}
          {!isExample && <span className="embed-option-note"> {s.explainNone}</span>}
        </label>
        <label>
          <input type="checkbox" checked={readOnly} onChange={(e) => change(setReadOnly)(e.target.checked)} /> {s.readOnly}
        </label>
        <label>
          <input type="checkbox" checked={autorun} onChange={(e) => change(setAutorun)(e.target.checked)} /> {s.autorun}
        </label>
        <label>
          {s.panel}{" "}
          <select value={panel} onChange={(e) => change(setPanel)(e.target.value as EmbedPanel)}>
            <option value="output">{s.output}</option>
            <option value="timeline">{s.timeline}</option>
          </select>
        </label>
        <label>
          {s.height}{" "}
          <input
            type="number"
            min={EMBED_HEIGHT_LIMITS_PX.min}
            max={EMBED_HEIGHT_LIMITS_PX.max}
            step={20}
            value={heightText}
            onChange={(e) => change(setHeightText)(e.target.value)}
          />
        </label>
      </div>
      <CopyField
        text={html}
        copy={copy ?? "copying"}
        multiline
        label={s.code}
        testId="embed-code"
        onCopy={() => void copyText(html).then((ok) => setCopy(ok ? "copied" : "failed"))}
      />
      {copy && (
        <p className={`share-status share-status-${copy}`} role="status">
          {copy === "copied" ? s.copied : s.notCopied}
        </p>
      )}
      {html.length > MAX_LINK_CHARS && <p className="share-warning" role="alert">{s.tooLong}</p>}
      <h3 className="embed-preview-title">{s.preview}</h3>
      <p className="share-note">{s.previewNote}</p>
      <iframe
        // A new frame for each address: the embed reads its options once, when it loads.
        key={previewSrc}
        className="embed-preview"
        src={previewSrc}
        title={`${s.preview}: ${s.frameTitle}`}
        style={{ height: heightPx }}
        allow="cross-origin-isolated"
        data-testid="embed-preview"
      />
      <p className="share-note">{s.note}</p>
    </Dialog>
  );
}
