// Test support (not shipped): a real run's trace model, rebuilt from the
// event stream the page fed it, as e2e/tools/record-stream.mjs recorded it
// in the browser (recorded/*.json: every addThread, add and finish call in
// the page's order, the objects' names, the run's end and output). Tests
// that need what real threads really do (coarse stamps, blocked waits that
// end a hair before the acquire, a pool's own queues) read these.

import { readFileSync } from "node:fs";
import { TraceModel } from "./model";

type Call =
  | ["T", number, string, string, number]
  | ["E", number, number, number, number, number]
  | ["F", number, number, number];

export interface RecordedRun {
  snippet: string;
  status: string;
  durationMs: number;
  output: { thread: string; text: string; t: number }[];
  calls: Call[];
  labels: [number, string][];
  owners: [number, number][];
}

export function loadRecordedRun(name: string): RecordedRun {
  return JSON.parse(readFileSync(new URL(`./recorded/${name}.json`, import.meta.url), "utf8")) as RecordedRun;
}

/** The model the page had at the run's end. */
export function replay(run: RecordedRun): TraceModel {
  const model = new TraceModel();
  for (const [ref, name] of run.labels) model.nameObject(ref, name);
  for (const [ref, owner] of run.owners) model.setOwner(ref, owner);
  for (const call of run.calls) {
    switch (call[0]) {
      case "T":
        model.addThread(call[1], call[2], call[3], call[4]);
        break;
      case "E":
        model.add(call[1], call[2], call[3], call[4], call[5]);
        break;
      case "F":
        model.finish(call[1], call[2], call[3]);
        break;
    }
  }
  return model;
}
