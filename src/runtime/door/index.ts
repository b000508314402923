// The one door from the "playground" API (src/api) into the runtime, in a
// thread's worker. The API imports nothing else of the runtime (the lint
// checks it, scripts/check-imports.mjs): every new object, name, blocking
// call, thread start and GIL change passes through these functions, so
// controlled runs and the race detector hook every primitive at once, here.
//
//   objects.ts   place/track/name an object; its ref and "object created"
//   blocking.ts  block(), Blocker, during(): shown blocked, wait-for edges
//   threads.ts   start a thread or process, default names, exit, the GIL
//   happens-before.ts  the race detector's release/acquire/join edges
//
// Besides these, the API sees the worker's context (its heap, table and
// trace ring, which the sync cores need) and the value encoding that
// carries snippet values between workers.

export { place, track, trackPart, refOf, nameValue, labelRef, nameRef, type Placed, type PlaceOptions } from "./objects";
export { block, blockParked, Blocker, during, attemptUntil } from "./blocking";
export { happensBefore, type HappensBefore } from "./happens-before";
export { step, touched, parkingFor, StepKind } from "./controlled";
export { registerSharedCell } from "../race/shared-cells";
export {
  startThread, nextNameNumber, isDaemon, pidOf, parentPid, endRun, terminateProcess,
  setSwitchIntervalUs, switchIntervalUs, gilEnabled, type StartRequest,
} from "./threads";
export { context, hasContext, type WorkerContext } from "../worker-context";
export { runtimeTimer } from "../thread-timers";
export { startsProcess } from "../thread-table";
export type { SpawnPayload, ThreadRole } from "../protocol";
export type { Payload as SpawnRecord } from "../spawn-payload";
export { Decoder, Encoder, SEND, type Sendable, type ModuleScope } from "../serialize";
export { isError, safely, UNPRINTABLE } from "../thrown";
export { TAG, type EncodedInstance } from "../serialize-types";
export { isNotYetDefined } from "../host";
