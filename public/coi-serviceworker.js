// A service worker that makes the playground cross-origin isolated on static
// hosts that cannot set response headers (GitHub Pages and the like).
// SharedArrayBuffer needs Cross-Origin-Opener-Policy: same-origin plus
// Cross-Origin-Embedder-Policy: require-corp on the page; a service worker
// sits between the page and the network, so it can add them to every
// response it hands back, and the browser applies headers from a service
// worker's response as it would from the server's. (The approach of
// gzuidhof/coi-serviceworker; this file is our own, and smaller.)
//
// It is registered by src/ui/coi-register.ts only when the page is not
// isolated already, and the page reloads once after it takes control (the
// first load came from the network, without the headers).
//
// Only same-origin responses are re-served: the page's own files. A
// cross-origin response cannot be given CORP by us (it may be opaque) and
// the playground loads none. The Perfetto relay page is left as the host
// serves it: it must not be isolated (vite.config.ts, UNISOLATED_PAGES).
// Without ".html" too: some hosts redirect to such "pretty" addresses.

const UNISOLATED_PAGES = ["/perfetto-relay.html", "/perfetto-relay"];

const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  // Also lets the page be isolated inside another site's iframe (Chromium).
  "Document-Isolation-Policy": "isolate-and-require-corp",
};

// Take over at once: the page is waiting to reload under this worker.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Chromium throws on this combination when re-fetched (a DevTools quirk).
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (UNISOLATED_PAGES.some((page) => url.pathname.endsWith(page))) return;
  event.respondWith(withIsolationHeaders(request));
});

async function withIsolationHeaders(request) {
  const response = await fetch(request);
  // Opaque, error and redirect responses cannot be rebuilt; pass them on as they are.
  if (response.status === 0 || response.type === "opaqueredirect") return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
