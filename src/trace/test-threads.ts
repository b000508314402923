// For tests: a trace model whose threads, idents 1, 2, ... in the order
// named (the first is the process's MainThread), are running from time 0.

import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";

export function runningThreads(...names: string[]): TraceModel {
  const m = new TraceModel();
  names.forEach((name, i) => {
    m.addThread(i + 1, name, i === 0 ? "main" : "thread", 1000);
    m.add(i + 1, 0, EventKind.State, ThreadState.Running, 0);
  });
  return m;
}
