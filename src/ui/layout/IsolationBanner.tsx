// Shown when the page cannot run snippets: without cross-origin isolation
// there is no SharedArrayBuffer, hence no threads that share memory.

import type { ReactNode } from "react";
import { useStrings, type Strings } from "../i18n/language";
import { useApp } from "../state/hooks";

const STRINGS: Strings<{ disabled: string; notIsolated: string; fix: (framed: boolean) => ReactNode; newTab: string }> = {
  en: {
    disabled: "Running is disabled here.",
    notIsolated: "This page is not cross-origin isolated.",
    fix: (framed) => (
      <>
        Snippets need SharedArrayBuffer, which browsers give only to cross-origin isolated pages: serve the
        playground with <code>Cross-Origin-Opener-Policy: same-origin</code> and{" "}
        <code>Cross-Origin-Embedder-Policy: require-corp</code> (or <code>Document-Isolation-Policy</code>), as{" "}
        <code>npm run dev</code> does{framed ? ", or open it in a new tab." : "."}
      </>
    ),
    newTab: "Open in a new tab ↗",
  },
  zh: {
    disabled: "此处无法运行代码。",
    notIsolated: "此页面没有处于跨源隔离状态。",
    fix: (framed) => (
      <>
        代码需要 SharedArrayBuffer，而浏览器只把它提供给跨源隔离的页面：请用{" "}
        <code>Cross-Origin-Opener-Policy: same-origin</code> 和 <code>Cross-Origin-Embedder-Policy: require-corp</code>
        （或 <code>Document-Isolation-Policy</code>）响应头提供本页面，就像 <code>npm run dev</code> 那样
        {framed ? "；也可以在新标签页中打开。" : "。"}
      </>
    ),
    newTab: "在新标签页中打开 ↗",
  },
};

export function IsolationBanner() {
  const { runtime } = useApp();
  const t = useStrings(STRINGS);
  if (runtime.isolated) return null;
  const framed = window.parent !== window;
  const problem = runtime.isolationProblem ?? t.notIsolated;
  // The runtime's own message may already say what to do; do not say it twice.
  const explainsFix = /Cross-Origin-Opener-Policy/i.test(problem);
  return (
    <div className="banner" role="alert">
      <strong>{t.disabled}</strong> {problem} {!explainsFix && <span>{t.fix(framed)}</span>}
      {framed && (
        <a className="banner-link" href={location.href} target="_blank" rel="noopener">
          {t.newTab}
        </a>
      )}
    </div>
  );
}
