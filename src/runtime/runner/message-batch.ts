// A search's runs (ControlPlan.reuse) send the page their messages in
// batches, without their trace's events. Each of a few hundred schedules a
// second otherwise sent some ten messages across processes (started, one
// per named object, the trace's chunks, the end), the page took each in as
// a task of its own, and it built a timeline of every schedule that no one
// would see: the page draws none of a search's runs, only the replay of
// what the search reports, which is a run of its own (session/explore.ts).
// A batch holds a run's messages, in order, until the run ends; the page
// unpacks it and takes them in as if they had come one by one
// (session/playground-runtime.ts). What decides a schedule's outcome (its
// output, errors, status and control report) arrives whole.
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

/** A send for a search's run `runId` that batches what `send` would have sent one by one, and drops its trace's events. */
export function batchedSend(runId: number, send: SendToPage): SendToPage {
  let held: FromRunner[] = [];
  let chunks = 0;
  return (message) => {
    if (message.type === "chunk") {
      held.push({ ...message, chunk: { ...message.chunk, events: [] } });
      chunks++;
    } else {
      held.push(message);
    }
    if (message.type !== "end" && chunks < PAGE_IN_FLIGHT && held.length < MAX_HELD) return;
    const batch: FromRunner = { type: "batch", runId, messages: held };
    held = [];
    chunks = 0;
    send(batch);
  };
}
