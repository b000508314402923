// The note under the toolbar when the page was opened with a share link
// that could not be read (role="alert": the learner expected someone's code
// and sees the starter instead, and must be told why), or one whose
// settings had to be adjusted (role="status": the code is there, a detail
// changed). Both can be dismissed.

import { useStore } from "zustand";
import { useStrings } from "../i18n/language";
import type { ShareErrorReason, ShareWarning } from "./share-link";
import { linkNoticeStore } from "./startup";
import "./share.css";

const STRINGS = {
  en: {
    failed: "This share link could not be read:",
    fallback: "The starter code is shown instead.",
    kept: "The code in the editor was left as it was.",
    adjusted: "The share link was loaded, with changes:",
    dismiss: "Dismiss",
    reasons: {
      "not-a-share-link": () => "it is not a playground link.",
      truncated: () => "it is incomplete, probably cut off when it was copied. Ask for the whole link.",
      damaged: () => "its code is damaged (characters were changed or lost on the way).",
      version: (detail?: string) => `it was made by another version of the playground (link format ${detail ?? "?"}).`,
      "bad-setting": (detail?: string) => `the setting “${detail ?? "?"}” has a value that is not valid.`,
      "too-large": () => "it holds more code than a snippet may have.",
    } satisfies Record<ShareErrorReason, (detail?: string) => string>,
    clamped: (setting: string, value: string, used: number) => `${setting} ${value} is out of range, ${used} is used.`,
    badExample: (value: string) => `the example id “${value}” is not valid and was left out.`,
    settingNames: { gil: "GIL", switchIntervalMs: "switch interval", maxThreads: "max threads" } as Record<string, string>,
  },
  zh: {
    failed: "无法读取这个分享链接：",
    fallback: "已改为显示初始代码。",
    kept: "编辑器中的代码保持不变。",
    adjusted: "分享链接已载入，但有以下调整：",
    dismiss: "关闭",
    reasons: {
      "not-a-share-link": () => "它不是演练场的链接。",
      truncated: () => "链接不完整，可能在复制时被截断了。请向对方索取完整的链接。",
      damaged: () => "链接中的代码已损坏（传递过程中有字符被改动或丢失）。",
      version: (detail?: string) => `它由另一个版本的演练场生成（链接格式 ${detail ?? "?"}）。`,
      "bad-setting": (detail?: string) => `设置“${detail ?? "?"}”的值无效。`,
      "too-large": () => "其中的代码超出了代码片段允许的长度。",
    } satisfies Record<ShareErrorReason, (detail?: string) => string>,
    clamped: (setting: string, value: string, used: number) => `${setting} 的值 ${value} 超出范围，已改用 ${used}。`,
    badExample: (value: string) => `示例 ID “${value}”无效，已忽略。`,
    settingNames: { gil: "GIL", switchIntervalMs: "切换间隔", maxThreads: "最大线程数" } as Record<string, string>,
  },
};

export function LinkNotice() {
  const s = useStrings(STRINGS);
  const { linkError, showsStarter, warnings, dismiss } = useStore(linkNoticeStore);
  if (!linkError && warnings.length === 0) return null;

  const describe = (w: ShareWarning) =>
    w.kind === "clamped" ? s.clamped(s.settingNames[w.setting] ?? w.setting, w.value, w.usedValue) : s.badExample(w.value);

  return (
    <div className={`banner link-notice${linkError ? " link-notice-error" : ""}`} role={linkError ? "alert" : "status"} data-testid="link-notice">
      <p className="link-notice-text">
        {linkError ? (
          <>
            <strong>{s.failed}</strong> {s.reasons[linkError.reason](linkError.detail)} {showsStarter ? s.fallback : s.kept}
          </>
        ) : (
          <>
            <strong>{s.adjusted}</strong> {warnings.map(describe).join(" ")}
          </>
        )}
      </p>
      <button type="button" className="link-notice-close" onClick={dismiss} aria-label={s.dismiss} title={s.dismiss}>
        ×
      </button>
    </div>
  );
}
