// Registers public/coi-serviceworker.js where the server sent no isolation
// headers (a static host), then reloads once so the page comes back through
// the worker, with them. Only when it can help:
//   - not isolated already (the dev server, preview and a configured host
//     isolate the page themselves: nothing to do);
//   - a secure context (service workers need https or localhost);
//   - the top-level page: COOP only acts on a top-level page, and reloading
//     a course page's iframe on its own would be unwelcome. An embed that is
//     not isolated offers "Open in a new tab" instead (IsolationBanner), and
//     the new tab is isolated by this worker.
// A loop is impossible: the reload happens at most once per tab session
// (sessionStorage); if the page is still not isolated after it (a browser
// that ignores the worker's headers), it stays as it is and says why.

const RELOADED_KEY = "playground.coi-reloaded";

function reloadedOnce(): boolean | null {
  try {
    return sessionStorage.getItem(RELOADED_KEY) === "1";
  } catch {
    return null; // no sessionStorage: no safe guard, so no reload at all
  }
}

export function registerIsolationServiceWorker(): void {
  if (window.crossOriginIsolated) {
    try { sessionStorage.removeItem(RELOADED_KEY); } catch { /* nothing to clear */ }
    return;
  }
  if (!window.isSecureContext || !("serviceWorker" in navigator) || window.top !== window) return;
  if (reloadedOnce() !== false) {
    if (reloadedOnce()) console.warn("playground: still not cross-origin isolated after the service worker's reload; not trying again");
    return;
  }

  const reload = () => {
    try {
      sessionStorage.setItem(RELOADED_KEY, "1");
    } catch {
      return;
    }
    location.reload();
  };

  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}coi-serviceworker.js`)
    .then((registration) => {
      // (A blocked registration, e.g. by a test harness, resolves to nothing.)
      if (!registration) return;
      // Already active (a hard reload bypasses the worker): the next load goes through it.
      if (navigator.serviceWorker.controller || registration.active) return reload();
      // First visit: reload once the new worker has claimed this page.
      navigator.serviceWorker.addEventListener("controllerchange", reload, { once: true });
    })
    .catch((error: unknown) => console.warn("playground: the isolation service worker could not be registered", error));
}
