// Shown when the page cannot run snippets: without cross-origin isolation
// there is no SharedArrayBuffer, hence no threads that share memory.

import { useApp } from "../state/hooks";

export function IsolationBanner() {
  const { runtime } = useApp();
  if (runtime.isolated) return null;
  const framed = window.parent !== window;
  const problem = runtime.isolationProblem ?? "This page is not cross-origin isolated.";
  // The runtime's own message may already say what to do; do not say it twice.
  const explainsFix = /Cross-Origin-Opener-Policy/i.test(problem);
  return (
    <div className="banner" role="alert">
      <strong>Running is disabled here.</strong> {problem}{" "}
      {!explainsFix && (
        <span>
          Snippets need SharedArrayBuffer, which browsers give only to cross-origin isolated pages: serve the
          playground with <code>Cross-Origin-Opener-Policy: same-origin</code> and{" "}
          <code>Cross-Origin-Embedder-Policy: require-corp</code> (or <code>Document-Isolation-Policy</code>), as{" "}
          <code>npm run dev</code> does{framed ? ", or open it in a new tab." : "."}
        </span>
      )}
      {framed && (
        <a className="banner-link" href={location.href} target="_blank" rel="noopener">
          Open in a new tab ↗
        </a>
      )}
    </div>
  );
}
