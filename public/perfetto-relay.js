// The Perfetto relay (perfetto-relay.html): takes a trace from the
// playground tab that opened it and hands it to Perfetto.
//
// 1. From the playground. Its address says `#id=<offer id>&lang=en|zh`.
//    The playground is cross-origin isolated and this page is not, so they
//    are in different browsing context groups: this page's `opener` is null
//    and neither can post to the other's window. They share an origin and
//    its storage, though, so they talk over a BroadcastChannel named for
//    the offer: this page asks ("want"), the playground answers with the
//    trace as a Blob (a handle: the bytes are not copied into the message),
//    the address of Perfetto to use, a title and a file name. The
//    playground also announces the offer as soon as it is ready, since this
//    page may ask before then; the first copy counts.
//    (An embedded playground is not isolated by COOP, and its storage is
//    partitioned under the course page's site: there the channel does not
//    reach it, but `opener` does, so the same request goes there too.)
// 2. To Perfetto, in a frame filling this page: Perfetto's documented
//    hand-off for a page that embeds it. Post 'PING' until it answers
//    'PONG' (its listener may not be up yet), then post
//    { perfetto: { buffer, title, fileName } }, to Perfetto's origin only.
//    A frame needs no second click: a tab opened from here without one
//    would be a pop-up the browser blocks. "Open in a tab of its own" is
//    that click, and does the same hand-off with a new tab.

const CHANNEL_PREFIX = "playground-perfetto:";
const PING_EVERY_MS = 100;
/** after this long without a trace, say the playground did not answer */
const NO_ANSWER_MS = 10_000;
/** after this long without a PONG, suggest a tab of its own (Perfetto may refuse to be framed, or be offline) */
const NO_PONG_MS = 15_000;
/** The playground's light/dark choice (src/ui/color-scheme.ts): same origin, same storage. */
const THEME_KEY = "playground.theme";

const STRINGS = {
  en: {
    title: "Perfetto · Concurrency playground",
    heading: "Concurrency playground → Perfetto",
    back: "Go to the playground",
    waiting: "Getting the trace from the playground…",
    opening: "Opening the trace in Perfetto…",
    opened: "The trace is in Perfetto. If Perfetto asks whether to open a trace from this site, answer yes.",
    openedOwnTab: "The trace was sent to Perfetto in a tab of its own.",
    noAnswer: "The playground did not answer: its tab may have been closed or reloaded. Click “Open in Perfetto” there again.",
    badAddress: "This page opens a trace from the playground: use the playground's “Open in Perfetto” button.",
    blocked: "The browser blocked the new tab. Allow pop-ups for this site, or use Perfetto here.",
    ownTab: "Open in a tab of its own",
    noPong: "Perfetto has not answered yet. If it does not load here, open it in a tab of its own.",
  },
  zh: {
    title: "Perfetto · 并发演练场",
    heading: "并发演练场 → Perfetto",
    back: "前往演练场",
    waiting: "正在从演练场获取跟踪数据…",
    opening: "正在 Perfetto 中打开跟踪…",
    opened: "跟踪已在 Perfetto 中打开。如果 Perfetto 询问是否打开来自本网站的跟踪，请选择“是”。",
    openedOwnTab: "跟踪已发送到单独标签页中的 Perfetto。",
    noAnswer: "演练场没有回应：它的标签页可能已关闭或刷新。请在演练场中再次点击“在 Perfetto 中打开”。",
    badAddress: "此页面用于打开演练场的跟踪：请使用演练场中的“在 Perfetto 中打开”按钮。",
    blocked: "浏览器阻止了新标签页。请允许本网站弹出窗口，或在此页面中使用 Perfetto。",
    ownTab: "在单独的标签页中打开",
    noPong: "Perfetto 还没有回应。如果它在这里无法加载，请在单独的标签页中打开。",
  },
};

const params = new URLSearchParams(location.hash.slice(1));
/** crypto.randomUUID() in the playground: anything else is not an offer's id */
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const id = ID_PATTERN.test(params.get("id") ?? "") ? params.get("id") : null;
const words = STRINGS[params.get("lang") === "zh" ? "zh" : "en"];
document.documentElement.lang = params.get("lang") === "zh" ? "zh-CN" : "en";
document.title = words.title;
try {
  const theme = localStorage.getItem(THEME_KEY);
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // storage refused: the system's scheme
}

const statusLine = document.getElementById("status");
const ownTabButton = document.getElementById("own-tab");
const backLink = document.getElementById("back");
const frame = document.getElementById("perfetto");
document.getElementById("heading").textContent = words.heading;
ownTabButton.textContent = words.ownTab;
backLink.textContent = words.back;

function say(text, problem = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle("problem", problem);
}

/** The trace as the playground offered it: { blob, title, fileName, target, origin }. */
let offer = null;
/** Perfetto has the trace (in the frame or a tab): no more warnings. */
let delivered = false;

/** Only http(s) addresses: the playground's own choice, checked again here. */
function perfettoOrigin(target) {
  try {
    const url = new URL(target);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * PING `win` until it answers PONG, then post the trace to it (to `origin`
 * only: while the frame or tab still shows another page, nothing is sent).
 */
function handOff(win, origin, onPosted) {
  const ping = setInterval(() => win.postMessage("PING", origin), PING_EVERY_MS);
  win.postMessage("PING", origin);
  const silent = setTimeout(() => { if (!delivered) say(words.noPong, true); }, NO_PONG_MS);
  const onMessage = async (event) => {
    if (event.source !== win || event.origin !== origin || event.data !== "PONG") return;
    window.removeEventListener("message", onMessage);
    clearInterval(ping);
    clearTimeout(silent);
    const buffer = await offer.blob.arrayBuffer();
    win.postMessage({ perfetto: { buffer, title: offer.title, fileName: offer.fileName } }, origin, [buffer]);
    delivered = true;
    onPosted();
  };
  window.addEventListener("message", onMessage);
}

function take(message) {
  if (offer || !message || message.type !== "perfetto-relay:trace" || message.id !== id) return;
  const origin = perfettoOrigin(message.target);
  if (!(message.blob instanceof Blob) || !origin) return;
  offer = { blob: message.blob, title: String(message.title), fileName: String(message.fileName), target: message.target, origin };
  say(words.opening);
  frame.hidden = false;
  frame.src = message.target;
  handOff(frame.contentWindow, origin, () => say(words.opened));
  backLink.hidden = true;
  ownTabButton.hidden = false;
}

ownTabButton.addEventListener("click", () => {
  if (!offer) return;
  const tab = window.open(offer.target, "_blank");
  if (!tab) {
    say(words.blocked, true);
    return;
  }
  handOff(tab, offer.origin, () => say(words.openedOwnTab));
});

if (!id) {
  say(words.badAddress, true);
  backLink.hidden = false;
} else {
  say(words.waiting);
  const channel = new BroadcastChannel(CHANNEL_PREFIX + id);
  channel.addEventListener("message", (event) => take(event.data));
  window.addEventListener("message", (event) => {
    if (event.origin === location.origin && event.source === window.opener) take(event.data);
  });
  const want = { type: "perfetto-relay:want", id };
  channel.postMessage(want);
  if (window.opener) window.opener.postMessage(want, location.origin);
  setTimeout(() => {
    if (offer) return;
    say(words.noAnswer, true);
    backLink.hidden = false;
  }, NO_ANSWER_MS);
}
