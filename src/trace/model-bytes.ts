// What the page's picture of a run costs in memory: the bytes every typed
// array of the trace model holds (their capacity, as growable arrays double),
// for the benchmark's trace.bytes.per.event and for anyone sizing the cap
// (TraceModel.eventCap). Maps of names and small objects are left out: they
// grow with the objects a run makes, not with its events.

import type { TraceModel, ThreadTrack } from "./model";

function threadBytes(t: ThreadTrack): number {
  let bytes = t.times.data.byteLength + t.states.data.byteLength + t.objects.data.byteLength;
  bytes += t.markTimes.data.byteLength + t.markLabels.data.byteLength + t.prints.data.byteLength;
  bytes += t.gilTakes.data.byteLength + t.gilFrom.data.byteLength + t.gilLatencyUs.data.byteLength;
  bytes += t.tasks.bytes() + t.taskItems.data.byteLength + t.taskChunksizes.data.byteLength + t.taskLabels.data.byteLength + t.coroutines.bytes() + t.sources.bytes() + t.closedMs.byteLength;
  for (const span of t.spans) bytes += span.bytes();
  return bytes;
}

export function heldBytes(model: TraceModel): number {
  let bytes = 0;
  for (const t of model.threads.values()) bytes += threadBytes(t);
  for (const lock of model.locks.values()) {
    for (const list of lock.holds.values()) bytes += list.bytes();
    for (const list of lock.waits.values()) bytes += list.bytes();
    bytes += lock.foreign?.bytes() ?? 0;
  }
  for (const queue of model.queues.values()) bytes += queue.puts.bytes() + queue.gets.bytes();
  for (const pool of model.pools.values()) bytes += pool.pending.bytes();
  return bytes;
}
