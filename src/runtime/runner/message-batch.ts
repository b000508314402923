// A run on a search's shared workers that the page asks for itself
// (ControlPlan.reuse: the search's schedules when the page runs them, and
// tests) sends the page its messages in batches. Each of a few hundred
// schedules a second otherwise sent some ten messages across processes
// (started, one per named object, the trace's chunks, the end), and the
// page took each in as a task of its own. A batch holds a run's messages,
// in order, until the run ends; the page unpacks it and takes them in as if
// they had come one by one (session/playground-runtime.ts), so such a run
// is drawn as any other. (The runner's own search keeps its runs' messages
// itself: runner/run-probe.ts.)
//
// Flow control is kept: the trace's chunks still wait for the page's
// acknowledgements (trace-backlog.ts sends at most PAGE_IN_FLIGHT before
// one comes back), so a batch goes out as soon as it holds that many
// chunks, and the page's acks let the next ones come. A run that raises or
// names things without end sends a batch every MAX_HELD messages, so what
// the runner holds stays small.

import type { FromRunner } from "../frame-protocol";
import { PAGE_IN_FLIGHT } from "./trace-backlog";

/** messages a batch holds at most before it goes out */
export const MAX_HELD = 256;

export type SendToPage = (message: FromRunner, transfer?: Transferable[]) => void;

/** A send for run `runId` that batches what `send` would have sent one by one. */
export function batchedSend(runId: number, send: SendToPage): SendToPage {
  let held: FromRunner[] = [];
  let transfers: Transferable[] = [];
  let chunks = 0;
  return (message, transfer = []) => {
    held.push(message);
    for (const item of transfer) transfers.push(item);
    if (message.type === "chunk") chunks++;
    if (message.type !== "end" && chunks < PAGE_IN_FLIGHT && held.length < MAX_HELD) return;
    const batch: FromRunner = { type: "batch", runId, messages: held };
    const moved = transfers;
    held = [];
    transfers = [];
    chunks = 0;
    send(batch, moved);
  };
}
