// One worker of a run's crew (crew.ts), and how the runner lets it go when
// its run is over: at once (terminated), or, when it may serve the next run
// of the same code, after it says whether it is as it booted
// (runtime/worker-hygiene.ts): kept in the pool for that code if so, else
// terminated. A docked crew (docked-crew.ts) lets its workers go the same way.

import { readThreadMessage } from "./thread-messages";
import type { WarmPool } from "./worker-pool";

/** how long a worker let go of has to say whether it is clean */
const IDLE_REPORT_MS = 2000;

export interface Member {
  worker: Worker;
  port: MessagePort;
  /** its dock place, -1: none (it runs one thread and is then retired) */
  place: number;
  /** the thread it runs as far as the runner knows, 0: parked or booting */
  ident: number;
  /** the thread it ran last (its place holds it until the worker parks again) */
  last: number;
  /** the threads it ran to their end in this run: code one left running may be reported late, whenever it acts (thread-main.ts reportLate) */
  ran: Set<number>;
}

/** Terminates the worker; its handlers, which hold its run's memory, go first. */
export function dismiss(member: Member): void {
  member.worker.onerror = null;
  member.port.onmessage = null;
  member.port.close();
  member.worker.terminate();
}

/**
 * Waits for the worker (whose place was just closed) to say whether it is
 * clean; a clean one is kept in `pool` for the next run of `code` (in the
 * memory `memory` stands for; `runs`: the runs it served there), any other
 * terminated. Resolves with its word.
 */
export function letGo(member: Member, pool: WarmPool, code: string, memory: object, runs = 1): Promise<boolean> {
  let done = false;
  let verdict!: (clean: boolean) => void;
  const said = new Promise<boolean>((resolve) => (verdict = resolve));
  const finish = (clean: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(giveUp);
    // (Its handlers hold this run's memory: a kept worker must not.)
    member.worker.onerror = null;
    member.port.onmessage = null;
    member.port.close();
    if (clean) pool.keep(member.worker, code, memory, runs);
    else member.worker.terminate();
    verdict(clean);
  };
  const giveUp = setTimeout(() => finish(false), IDLE_REPORT_MS);
  member.worker.onerror = (event) => {
    event.preventDefault();
    finish(false);
  };
  member.port.onmessage = (event) => {
    const message = readThreadMessage(event.data);
    if (message?.type === "idle") finish(message.clean);
  };
  return said;
}
