// Tiny HTTP servers the embed and static-host tests start on free ports, so
// that the playground is seen from another origin, or without its headers:
//   - a course page server: serves /course.html, a page that sends NO
//     isolation headers and embeds the playground in iframes, recording
//     every message each frame posts to it;
//   - a static server: the files of one folder (demo/course-page.html), as
//     an ordinary host serves them, with no isolation headers;
//   - a header-stripping proxy: the playground as a static host without
//     COOP/COEP/CORP/Document-Isolation-Policy would serve it (WebSocket
//     upgrades are piped through, for the dev server's client).
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";

export const ISOLATION_HEADERS = [
  "cross-origin-opener-policy",
  "cross-origin-embedder-policy",
  "cross-origin-resource-policy",
  "document-isolation-policy",
];

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

/** `upgraded`: sockets taken over by an upgrade, which server.close() would wait for forever. */
async function listen(server: Server, upgraded: Set<{ destroy(): void }> = new Set()): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      for (const socket of upgraded) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * /course.html?frame=<url>&frame=<url>...: one iframe per `frame` (ids
 * frame-0, frame-1 ...), each with allow="cross-origin-isolated".
 * `window.received` collects { frame, data } for every message a frame posts;
 * `window.send(index, message)` posts to a frame with target origin "*".
 */
export function startCoursePageServer(): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/impostor-runner.html") {
      serveImpostorRunner(res);
      return;
    }
    if (url.pathname !== "/course.html") {
      res.writeHead(404).end();
      return;
    }
    const frames = url.searchParams.getAll("frame");
    const allow = url.searchParams.get("allow") ?? "cross-origin-isolated";
    const iframes = frames
      .map((src, i) => `<iframe id="frame-${i}" src="${src.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" allow="${allow}" style="width: 960px; height: 520px"></iframe>`)
      .join("\n");
    // Deliberately no isolation headers: a course page on an ordinary host.
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(`<!doctype html>
<html><head><meta charset="utf-8"><title>A course page</title></head>
<body>
<h1>Lesson: threads</h1>
${iframes}
<script>
  window.received = [];
  const frames = [...document.querySelectorAll("iframe")];
  window.addEventListener("message", (event) => {
    const frame = frames.findIndex((f) => f.contentWindow === event.source);
    if (frame >= 0) window.received.push({ frame, data: event.data });
  });
  window.send = (index, message) => frames[index].contentWindow.postMessage(message, "*");
</script>
</body></html>`);
  });
  return listen(server);
}

/**
 * /impostor-runner.html (on the course page server): a document an
 * embedding page navigates the playground's runner frame to. It may be
 * loaded there (it sends the headers an isolated page's frames need), tells
 * the top page { type: "impostor:loaded" }, answers a port it is posted with
 * "ready" as the runner would ({ type: "impostor:port" } to the top page),
 * and tells the top page of each message the port brings ("impostor:got").
 */
function serveImpostorRunner(res: ServerResponse): void {
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Document-Isolation-Policy": "isolate-and-require-corp",
  });
  res.end(`<!doctype html><meta charset="utf-8"><title>not the runner</title><script>
top.postMessage({ type: "impostor:loaded" }, "*");
addEventListener("message", (event) => {
  const port = event.ports[0];
  if (!port) return;
  port.onmessage = (m) => top.postMessage({ type: "impostor:got", what: m.data && m.data.type }, "*");
  port.postMessage({ type: "ready", isolated: true });
  top.postMessage({ type: "impostor:port" }, "*");
});
</script>`);
}

const CONTENT_TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };

/** Serves the files of `dir` (no listing, nothing outside it), with no isolation headers. */
export function startStaticServer(dir: string): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname));
    if (path.includes("..")) {
      res.writeHead(403).end();
      return;
    }
    readFile(join(dir, path)).then(
      (body) => res.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream", "Cache-Control": "no-store" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return listen(server);
}

/** Forwards everything to `target` and drops the isolation headers from every response. */
export function startStrippingProxy(target: string): Promise<RunningServer> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host: to.host } },
      (response) => {
        const headers: IncomingHttpHeaders = { ...response.headers };
        for (const name of ISOLATION_HEADERS) delete headers[name];
        res.writeHead(response.statusCode ?? 502, headers);
        response.pipe(res);
      },
    );
    upstream.on("error", () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    req.pipe(upstream);
  });
  // The dev server's client keeps a WebSocket; pass upgrades through untouched.
  const upgraded = new Set<{ destroy(): void }>();
  server.on("upgrade", (req, socket, head) => {
    upgraded.add(socket);
    const upstream = connect(Number(to.port), to.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${k === "host" ? to.host : v}`)];
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upgraded.add(upstream);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return listen(server, upgraded);
}
