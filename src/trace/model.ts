// The page's picture of a run, built from drained ring events: one state
// track per thread (when it entered which state), lock traffic and user
// annotations, as structure-of-arrays. RunResult's per-thread figures and the
// timeline both read it, so they can never disagree.

import { EventKind, ThreadState, isBlockedState } from "./events";
import { GrowableF64, GrowableI32 } from "./growable";

export interface ThreadTrack {
  ident: number;
  name: string;
  kind: string;
  pid: number;
  /** state-change times and the state entered at each */
  times: GrowableF64;
  states: GrowableI32;
  /** what each state waits on (lock id, ...) or 0 */
  objects: GrowableI32;
}

/** One lock, mark or span event, kept in arrival order per kind. */
export interface ObjectEvents {
  times: GrowableF64;
  idents: GrowableI32;
  kinds: GrowableI32;
  objects: GrowableI32;
}

export interface ThreadFigures {
  startMs: number;
  endMs: number;
  runningMs: number;
  blockedMs: number;
  finalState: number;
}

function objectEvents(): ObjectEvents {
  return { times: new GrowableF64(), idents: new GrowableI32(), kinds: new GrowableI32(), objects: new GrowableI32() };
}

export class TraceModel {
  readonly threads = new Map<number, ThreadTrack>();
  readonly objectEvents = objectEvents();
  readonly labels = new Map<number, string>();
  eventCount = 0;
  droppedEvents = 0;

  addThread(ident: number, name: string, kind: string, pid: number): ThreadTrack {
    let track = this.threads.get(ident);
    if (!track) {
      track = { ident, name, kind, pid, times: new GrowableF64(), states: new GrowableI32(), objects: new GrowableI32() };
      this.threads.set(ident, track);
    }
    return track;
  }

  add(ident: number, tMs: number, kind: number, arg: number, obj: number): void {
    this.eventCount++;
    if (kind === EventKind.State) {
      const track = this.threads.get(ident);
      if (!track) return;
      track.times.push(tMs);
      track.states.push(arg);
      track.objects.push(obj);
      return;
    }
    const ev = this.objectEvents;
    ev.times.push(tMs);
    ev.idents.push(ident);
    ev.kinds.push(kind);
    ev.objects.push(obj);
  }

  /** Close a thread that ended without saying so (stopped, crashed). */
  finish(ident: number, tMs: number, state: ThreadState): void {
    const track = this.threads.get(ident);
    if (!track) return;
    const n = track.states.length;
    if (n > 0 && track.states.data[n - 1] >= ThreadState.Done) return;
    track.times.push(tMs);
    track.states.push(state);
    track.objects.push(0);
  }

  figures(track: ThreadTrack, runEndMs: number): ThreadFigures {
    const { times, states } = track;
    const n = states.length;
    let runningMs = 0;
    let blockedMs = 0;
    let endMs = runEndMs;
    let finalState: number = ThreadState.Running;
    for (let i = 0; i < n; i++) {
      const state = states.data[i];
      if (state >= ThreadState.Done) {
        endMs = times.data[i];
        finalState = state;
        break;
      }
      const until = i + 1 < n ? times.data[i + 1] : runEndMs;
      const spanMs = Math.max(0, until - times.data[i]);
      if (state === ThreadState.Running) runningMs += spanMs;
      else if (isBlockedState(state)) blockedMs += spanMs;
    }
    return { startMs: n > 0 ? times.data[0] : 0, endMs, runningMs, blockedMs, finalState };
  }
}
