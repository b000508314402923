// "Open in Perfetto": the page's side of the hand-off through the relay
// page (public/perfetto-relay.js has the whole story).
//
// Perfetto takes a trace by postMessage from the window that opened or
// embeds it. This page cannot be that window: it is cross-origin isolated
// (COOP same-origin), so a window it opens lands in another browsing
// context group and the two cannot message each other. So it opens the
// relay, a page of its own origin served without isolation, and offers the
// trace under a fresh id on a BroadcastChannel (same origin, same storage:
// it crosses the COOP boundary). The trace travels as a Blob, a handle, so
// even one of tens of MB costs this page a few ms to send.
//
// The relay runs in another process, at its own pace: it may ask for the
// trace before this page has built it, or load after the page offered it.
// So the channel is opened before the window (a request is queued until
// the page is free), the offer is broadcast once ready, and repeated to
// every request; the relay takes the first copy. The window is opened in
// the click's own task, while the click still counts as a user gesture.

import type { PlaygroundStores } from "../state/stores";
import { traceOfLastRun } from "./export";

export const RELAY_PAGE = "perfetto-relay.html";
export const DEFAULT_PERFETTO_URL = "https://ui.perfetto.dev/";
/** Set it (a page of the same origin may) to use another Perfetto: a self-hosted one, or a test's stand-in. */
export const PERFETTO_URL_KEY = "playground.perfettoUrl";
const CHANNEL_PREFIX = "playground-perfetto:";
/** How long an offer is kept for a relay that asks again (reloaded): it holds the trace's bytes. */
const OFFER_LIFETIME_MS = 10 * 60_000;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Perfetto's address: the stored one if it is https, or http on this
 * machine (a local Perfetto, a test's stand-in); else ui.perfetto.dev.
 * The trace goes to whatever this names, so nothing else is accepted.
 */
export function perfettoUrl(stored: string | null): string {
  if (!stored) return DEFAULT_PERFETTO_URL;
  try {
    const url = new URL(stored);
    if (url.username || url.password) return DEFAULT_PERFETTO_URL;
    if (url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname))) return url.href;
  } catch {
    // not an address: the default
  }
  return DEFAULT_PERFETTO_URL;
}

function storedPerfettoUrl(): string | null {
  try {
    return localStorage.getItem(PERFETTO_URL_KEY);
  } catch {
    return null;
  }
}

/** What the relay receives (public/perfetto-relay.js, `take`). */
interface Offer {
  type: "perfetto-relay:trace";
  id: string;
  blob: Blob;
  title: string;
  fileName: string;
  target: string;
}

const isRequestFor = (id: string, data: unknown) => {
  const message = data as { type?: unknown; id?: unknown } | null;
  return message?.type === "perfetto-relay:want" && message.id === id;
};

/**
 * Listens for the relay's requests under `id` from now on: on the channel,
 * and from `relay` itself where it is still reachable (an embedded
 * playground is not isolated by COOP, but its storage is partitioned under
 * the course page, so the channel does not reach a top-level relay there).
 */
class OfferDesk {
  private offer: Offer | null = null;
  private relay: Window | null = null;
  private readonly channel: BroadcastChannel;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(private readonly id: string) {
    this.channel = new BroadcastChannel(CHANNEL_PREFIX + id);
    this.channel.onmessage = (event) => {
      if (this.offer && isRequestFor(id, event.data)) this.channel.postMessage(this.offer);
    };
    window.addEventListener("message", this.onWindowMessage);
    this.timer = setTimeout(() => this.close(), OFFER_LIFETIME_MS);
  }

  private readonly onWindowMessage = (event: MessageEvent) => {
    if (this.offer && this.relay && event.source === this.relay && event.origin === location.origin && isRequestFor(this.id, event.data)) {
      this.relay.postMessage(this.offer, location.origin);
    }
  };

  open(offer: Offer, relay: Window): void {
    this.offer = offer;
    this.relay = relay;
    this.channel.postMessage(offer);
  }

  close(): void {
    clearTimeout(this.timer);
    this.channel.close();
    window.removeEventListener("message", this.onWindowMessage);
    this.offer = null;
  }
}

let currentDesk: OfferDesk | null = null;

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
}

export type OpenOutcome = "opened" | "blocked" | "empty";

/**
 * Opens the relay and offers it the current or last run's trace.
 * "blocked": the browser refused the new window; "empty": no run has traced yet.
 */
export function openInPerfetto(stores: PlaygroundStores, language: string): OpenOutcome {
  if (!stores.timeline.getState().model) return "empty";
  const id = crypto.randomUUID();
  const desk = new OfferDesk(id);
  const relayUrl = new URL(`${import.meta.env.BASE_URL}${RELAY_PAGE}`, location.href);
  relayUrl.hash = new URLSearchParams({ id, lang: language }).toString();
  const relay = window.open(relayUrl.href, "_blank");
  if (!relay) {
    desk.close();
    return "blocked";
  }
  const trace = traceOfLastRun(stores)!;
  const name = `playground-trace-${stamp()}.json`;
  const blob = new Blob([JSON.stringify(trace)], { type: "application/json" });
  currentDesk?.close();
  currentDesk = desk;
  desk.open({ type: "perfetto-relay:trace", id, blob, title: `Concurrency playground ${stamp()}`, fileName: name, target: perfettoUrl(storedPerfettoUrl()) }, relay);
  return "opened";
}
