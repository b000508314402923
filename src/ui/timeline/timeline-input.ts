// Pointer, wheel and keyboard on the timeline canvas, as Perfetto and
// DevTools users expect them:
//   wheel, ctrl+wheel, trackpad pinch  zoom about the pointer
//   shift+wheel, horizontal swipe      pan
//   wheel over the lane names          scroll the lanes
//   drag                               pan (and scroll the lanes)
//   drag on the time axis, shift+drag  select a time range (F: zoom to it)
//   two-finger touch                   pinch zoom
//   tap (touch)                        the hover card of what is under it
//   W / S, + / -                       zoom in / out;  A / D  pan
//   ← → ↑ ↓                            move between bars (read aloud)
//   L, click a lane's name             fit the lane (the thread's lifetime)
//   Esc                                drop the selection and the bar
//   0                                  fit the whole run
//   click a print tick                 show its line in the output
//   click a bar that knows its line    show the line in the editor
// Everything here turns events into viewport steps (viewport.ts) or the
// reader's actions (timeline-reader.ts).

import { followEnd, pan, scrollLanes, wheelPx, wheelZoomFactor, zoom, type Viewport } from "./viewport";
import { AXIS_PX, GUTTER_PX, type Hit } from "../../timeline/geometry";
import type { TimelineReader } from "./timeline-reader";

const KEY_ZOOM = 1.3;
const KEY_PAN_FRACTION = 0.15;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP_PX = 4;

/** What the input handlers read and move: the view they are installed on (timeline-view.ts). */
export interface InputTarget {
  readonly canvas: HTMLCanvasElement;
  readonly view: Viewport;
  setView(view: Viewport): void;
  setPointer(pointer: { x: number; y: number } | null): void;
  pointerX(): number | null;
  live(): boolean;
  lanesHeightPx(): number;
  visibleLanesPx(): number;
  currentHit(): Hit | null;
  openPrint(ident: number, tMs: number): void;
  threadLaneAt(y: number): number | null;
  hitAt(x: number, y: number): Hit | null;
  readonly reader: TimelineReader;
}

export function installInput(view: InputTarget): () => void {
  const el = view.canvas;
  const local = (e: { clientX: number; clientY: number }) => {
    const r = el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const scroll = (dy: number) => view.setView(scrollLanes(view.view, dy, view.lanesHeightPx(), view.visibleLanesPx()));

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const p = local(e);
    const page = view.view.scale.widthPx;
    const dx = wheelPx(e.deltaX, e.deltaMode, page);
    const dy = wheelPx(e.deltaY, e.deltaMode, page);
    if (p.x < GUTTER_PX && !e.ctrlKey) return scroll(dy);
    if (e.shiftKey) return view.setView(pan(view.view, dy || dx));
    if (Math.abs(dx) > Math.abs(dy)) return view.setView(pan(view.view, dx));
    view.setView(zoom(view.view, wheelZoomFactor(e.ctrlKey ? dy * 3 : dy), p.x, view.live()));
  };

  // Drag to pan; two touches pinch. Pointers by id, so a second finger is seen.
  const pointers = new Map<number, { x: number; y: number }>();
  let drag: { x: number; y: number; moved: boolean; touch: boolean; selectFromMs: number | null } | null = null;
  let pinch: { distance: number } | null = null;
  const pinchDistance = () => {
    const [a, b] = [...pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  };

  const onDown = (e: PointerEvent) => {
    el.focus({ preventScroll: true });
    const p = local(e);
    pointers.set(e.pointerId, p);
    el.setPointerCapture(e.pointerId);
    if (pointers.size === 2) {
      drag = null;
      pinch = { distance: pinchDistance() };
    } else {
      // On the axis band, or with Shift: the drag selects a range instead of panning.
      const selecting = p.x >= GUTTER_PX && (p.y < AXIS_PX || e.shiftKey);
      drag = { ...p, moved: false, touch: e.pointerType === "touch", selectFromMs: selecting ? view.view.scale.pxToMs(p.x) : null };
      // A finger has no hover: what it touches gets the hover card.
      if (e.pointerType === "touch") view.setPointer(p);
    }
  };
  const onMove = (e: PointerEvent) => {
    const p = local(e);
    if (pointers.has(e.pointerId)) pointers.set(e.pointerId, p);
    if (pinch && pointers.size === 2) {
      const distance = pinchDistance();
      const [a, b] = [...pointers.values()];
      if (pinch.distance > 0) view.setView(zoom(view.view, distance / pinch.distance, (a.x + b.x) / 2, view.live()));
      pinch.distance = distance;
      return;
    }
    if (drag) {
      const dx = p.x - drag.x;
      const dy = p.y - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < CLICK_SLOP_PX) return;
      drag.moved = true;
      if (drag.selectFromMs !== null) {
        view.reader.select(drag.selectFromMs, view.view.scale.pxToMs(Math.max(GUTTER_PX, p.x)));
        view.setPointer(p);
        return;
      }
      let next = pan(view.view, -dx);
      next = scrollLanes(next, -dy, view.lanesHeightPx(), view.visibleLanesPx());
      drag.x = p.x;
      drag.y = p.y;
      view.setView(next);
      el.style.cursor = "grabbing";
    }
    view.setPointer(p);
  };
  const onUp = (e: PointerEvent) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (drag && !drag.moved) onClick(drag);
    drag = null;
    el.style.cursor = "";
  };
  const onClick = (at: { x: number; y: number; touch: boolean; selectFromMs: number | null }) => {
    if (at.x < GUTTER_PX) {
      const ident = view.threadLaneAt(at.y);
      if (ident !== null) view.reader.fitLane(ident);
      return;
    }
    // A tap on the axis drops the selection.
    if (at.selectFromMs !== null && at.y < AXIS_PX) return view.reader.clearSelection();
    const hit = view.hitAt(at.x, at.y) ?? view.currentHit();
    if (hit?.kind === "print") view.openPrint(hit.ident, hit.tMs);
    else view.reader.linkToSource(hit, true);
  };
  const onLeave = (e: PointerEvent) => {
    // A touch ends with a leave: keep the tapped item's card up until the next tap.
    if (!drag && e.pointerType !== "touch") view.setPointer(null);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const width = view.view.scale.widthPx;
    // Zoom about the pointer when it is over the lanes, else about the middle.
    const anchor = view.pointerX() ?? view.view.scale.leftPx + width / 2;
    switch (e.key) {
      case "w": case "W": case "+": case "=":
        view.setView(zoom(view.view, KEY_ZOOM, anchor, view.live()));
        break;
      case "s": case "S": case "-": case "_":
        view.setView(zoom(view.view, 1 / KEY_ZOOM, anchor, view.live()));
        break;
      case "a": case "A":
        view.setView(pan(view.view, -width * KEY_PAN_FRACTION));
        break;
      case "d": case "D":
        view.setView(pan(view.view, width * KEY_PAN_FRACTION));
        break;
      case "ArrowLeft": case "ArrowRight": case "ArrowUp": case "ArrowDown": {
        const step = ({ ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" } as const)[e.key];
        if (!view.reader.moveFocus(step)) {
          if (step === "left" || step === "right") view.setView(pan(view.view, (step === "left" ? -1 : 1) * width * KEY_PAN_FRACTION));
          else scroll(step === "up" ? -40 : 40);
        }
        break;
      }
      case "f": case "F":
        if (!view.reader.zoomToSelection()) return;
        break;
      case "l": case "L":
        if (!view.reader.fitFocusedLane()) return;
        break;
      case "Escape":
        view.reader.clearSelection();
        view.reader.store.setState({ focus: null, announcement: "" });
        break;
      case "0":
        view.setView(followEnd(view.view, true));
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  el.addEventListener("wheel", onWheel, { passive: false });
  el.addEventListener("pointerdown", onDown);
  el.addEventListener("pointermove", onMove);
  el.addEventListener("pointerup", onUp);
  el.addEventListener("pointercancel", onUp);
  el.addEventListener("pointerleave", onLeave);
  el.addEventListener("keydown", onKey);
  return () => {
    el.removeEventListener("wheel", onWheel);
    el.removeEventListener("pointerdown", onDown);
    el.removeEventListener("pointermove", onMove);
    el.removeEventListener("pointerup", onUp);
    el.removeEventListener("pointercancel", onUp);
    el.removeEventListener("pointerleave", onLeave);
    el.removeEventListener("keydown", onKey);
  };
}
