// The render benchmark (bench/cases/render-frame.mjs, through the page's
// window.playground.debug.renderBench): a synthetic trace shaped like a real
// busy run — threads switching state, contending for locks, a producer/
// consumer queue, pool workers running tasks — fed to the model the way the
// page drains it (per thread, one 16 ms frame at a time), then a pan/zoom
// sweep drawn frame by frame.

import { EventKind, ThreadState } from "../trace/events";
import { QUEUE_GET_KIND, QUEUE_PUT_KIND, TraceModel } from "../trace/model";
import { TimeScale } from "../trace/time-scale";
import { type Ctx2D } from "./frame";
import { layoutLanes } from "./layout";
import { TimelineRenderer } from "./render";
import { LIGHT_THEME } from "./theme";
import { GUTTER_PX } from "./geometry";

const THREADS = 12;
const POOL_WORKERS = 4;
const RUN_MS = 10_000;
const LOCK_ID = 100;
const QUEUE_ID = 101;
const POOL_ID = 102;

/** A small deterministic PRNG (mulberry32), so every run of the bench draws the same trace. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ev = [tMs: number, kind: number, arg: number, obj: number];

function threadEvents(ident: number, budget: number, worker: boolean, rnd: () => number): Ev[] {
  const out: Ev[] = [];
  const stepMs = RUN_MS / (budget / 3);
  let t = rnd() * stepMs;
  let task = 0;
  let depth = 0;
  out.push([t, EventKind.State, ThreadState.Running, 0]);
  while (out.length < budget) {
    const r = rnd();
    t += stepMs * rnd();
    if (worker) {
      out.push([t, EventKind.PoolTaskStart, task, POOL_ID]);
      t += stepMs * rnd();
      out.push([t, EventKind.PoolTaskEnd, task++, POOL_ID]);
      out.push([t, EventKind.PoolPending, Math.floor(rnd() * 20), POOL_ID]);
    } else if (r < 0.45) {
      if (rnd() < 0.4) {
        out.push([t, EventKind.State, ThreadState.Blocked, LOCK_ID]);
        t += stepMs * rnd();
        out.push([t, EventKind.State, ThreadState.Running, 0]);
      }
      out.push([t, EventKind.LockAcquired, 0, LOCK_ID]);
      t += stepMs * rnd() * 0.5;
      out.push([t, EventKind.LockReleased, 0, LOCK_ID]);
    } else if (r < 0.7) {
      depth = Math.max(0, depth + (ident % 2 ? 1 : -1));
      out.push([t, ident % 2 ? QUEUE_PUT_KIND : QUEUE_GET_KIND, depth, QUEUE_ID]);
    } else {
      out.push([t, EventKind.State, r < 0.85 ? ThreadState.Sleeping : ThreadState.QueueWait, r < 0.85 ? 0 : QUEUE_ID]);
      t += stepMs * rnd();
      out.push([t, EventKind.State, ThreadState.Running, 0]);
    }
  }
  out.push([t + stepMs, EventKind.State, ThreadState.Done, 0]);
  // Stretch or squeeze onto the run's length, so every thread ends near RUN_MS.
  const k = RUN_MS / (t + stepMs);
  for (const ev of out) ev[0] *= k;
  return out;
}

/** A model of about `events` events, added per thread per 16 ms frame as the page drains rings. */
export function syntheticModel(events: number): TraceModel {
  const model = new TraceModel();
  const rnd = random(42);
  const total = THREADS + POOL_WORKERS;
  const perThread = Math.ceil(events / total);
  const lists: { ident: number; events: Ev[]; at: number }[] = [];
  for (let i = 0; i < total; i++) {
    const ident = i + 1;
    const worker = i >= THREADS;
    model.addThread(ident, i === 0 ? "MainThread" : worker ? `PoolWorker-${i - THREADS + 1}` : `Thread-${i}`, i === 0 ? "main" : worker ? "pool-worker" : "thread", worker ? 1001 + i : 1000);
    lists.push({ ident, events: threadEvents(ident, perThread, worker, rnd), at: 0 });
  }
  for (let frameEnd = 16; lists.some((l) => l.at < l.events.length); frameEnd += 16) {
    for (const l of lists) {
      for (; l.at < l.events.length && l.events[l.at][0] < frameEnd; l.at++) {
        const [tMs, kind, arg, obj] = l.events[l.at];
        model.add(l.ident, tMs, kind, arg, obj);
      }
    }
  }
  return model;
}

export interface RenderBenchResult {
  events: number;
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** the whole run in view, every event visited: median of 5 frames */
  fullViewMs: number;
  buildMs: number;
}

/**
 * Draw a pan/zoom sweep over a synthetic trace: zoom from the whole run to
 * 1/1000 of it and back about the middle, then pan across at 1/20; every
 * frame shows a new window, so none is served from the renderer's caches
 * (which only spare redraws of an unchanged window, e.g. for hover). `flush`
 * forces the canvas to rasterise (a 1-pixel readback), so the time includes
 * what the browser does after our calls return.
 */
export function renderBench(ctx: Ctx2D, widthPx: number, heightPx: number, events: number, flush: () => void): RenderBenchResult {
  const b0 = performance.now();
  const model = syntheticModel(events);
  const buildMs = performance.now() - b0;
  return sweep(ctx, model, RUN_MS, widthPx, heightPx, flush, buildMs);
}

/** The same sweep over a run's own model (render.frame.ms.real: the page's last run), `runMs` long. */
export function sweep(ctx: Ctx2D, model: TraceModel, runMs: number, widthPx: number, heightPx: number, flush: () => void, buildMs = 0): RenderBenchResult {
  const layout = layoutLanes(model);
  const renderer = new TimelineRenderer();
  const full = new TimeScale(0, runMs, GUTTER_PX, widthPx);
  const scales: TimeScale[] = [];
  for (let i = 0; i <= 30; i++) scales.push(full.zoomedAt(1000 ** (i / 30), (GUTTER_PX + widthPx) / 2));
  for (let i = 29; i >= 0; i--) scales.push(full.zoomedAt(1000 ** (i / 30), (GUTTER_PX + widthPx) / 2));
  let pan = full.zoomedAt(20, GUTTER_PX);
  for (let i = 0; i < 40; i++) scales.push((pan = pan.pannedBy((widthPx - GUTTER_PX) / 2)));
  const draw = (scale: TimeScale) =>
    renderer.draw(ctx, { model, layout, scale, widthPx, heightPx, scrollY: 0, theme: LIGHT_THEME, untilMs: runMs, live: false });
  const timed = (scale: TimeScale) => {
    const t0 = performance.now();
    draw(scale);
    flush();
    return performance.now() - t0;
  };
  // Unmeasured frames first: compiling the drawing code (and collecting the
  // model's garbage) is not a frame's cost. They show other windows, so no
  // measured frame reuses what they cached.
  for (let i = 1; i <= 3; i++) timed(full.pannedBy(-i));
  const times = scales.map(timed);
  // The worst case on its own: the whole run in view, every event visited.
  const whole = [4, 5, 6, 7, 8].map((dx) => timed(full.pannedBy(-dx))).sort((a, b) => a - b);
  const fullViewMs = whole[2];
  times.sort((a, b) => a - b);
  return {
    events: model.eventCount,
    frames: times.length,
    medianMs: times[Math.floor(times.length / 2)],
    p95Ms: times[Math.floor(times.length * 0.95)],
    maxMs: times[times.length - 1],
    fullViewMs,
    buildMs,
  };
}
