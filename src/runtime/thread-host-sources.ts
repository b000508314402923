// The host's sources of later work that thread-host-calls.ts binds to the
// thread that asked, beyond the lists the worker's check of itself shares
// with it (hygiene-sources.ts ASYNC_METHODS, EVENT_TARGETS). Each is named
// by where it lives, as found from the worker's global scope ("" for the
// scope itself); one the host lacks is skipped. Listed, not found by
// walking the scope: reading every global makes the host build each
// interface object, 10-20 ms of a worker's boot.
//
// Some are absent from the runner's workers today (navigator.locks, file
// handles, WebGPU, WebTransport, WebCodecs: a blob: worker of an opaque
// origin is no secure context); they are listed for a host that has them.
//
// A source none of them names (a host's, or a browser's newer than these
// lists) still wakes the thread's code unseen; thread-event-loop.ts says how
// it is then found running.

/** global functions whose result is a promise of the host's */
export const PROMISE_GLOBALS = ["fetch", "createImageBitmap"];

/** host methods whose result is a promise of the host's */
export const PROMISE_METHODS: [owner: string, methods: string[]][] = [
  ["ReadableStreamDefaultReader.prototype", ["read", "cancel"]],
  ["ReadableStreamBYOBReader.prototype", ["read", "cancel"]],
  ["WritableStreamDefaultWriter.prototype", ["write", "close", "abort"]],
  ["ReadableStream.prototype", ["cancel", "pipeTo"]],
  ["WritableStream.prototype", ["close", "abort"]],
  ["OffscreenCanvas.prototype", ["convertToBlob"]],
  ["FontFace.prototype", ["load"]],
  ["ImageDecoder", ["isTypeSupported"]],
  ["ImageDecoder.prototype", ["decode"]],
  ["VideoDecoder", ["isConfigSupported"]],
  ["VideoEncoder", ["isConfigSupported"]],
  ["AudioDecoder", ["isConfigSupported"]],
  ["AudioEncoder", ["isConfigSupported"]],
  ["VideoDecoder.prototype", ["flush"]],
  ["VideoEncoder.prototype", ["flush"]],
  ["AudioDecoder.prototype", ["flush"]],
  ["AudioEncoder.prototype", ["flush"]],
  ["Permissions.prototype", ["query"]],
  ["FileSystemHandle.prototype", ["isSameEntry", "remove", "move", "queryPermission", "requestPermission"]],
  ["FileSystemFileHandle.prototype", ["getFile", "createWritable", "createSyncAccessHandle"]],
  ["FileSystemDirectoryHandle.prototype", ["getFileHandle", "getDirectoryHandle", "removeEntry", "resolve"]],
  ["FileSystemWritableFileStream.prototype", ["write", "seek", "truncate"]],
  ["GPU.prototype", ["requestAdapter"]],
  ["GPUAdapter.prototype", ["requestDevice", "requestAdapterInfo"]],
  ["GPUDevice.prototype", ["createComputePipelineAsync", "createRenderPipelineAsync", "popErrorScope"]],
  ["GPUBuffer.prototype", ["mapAsync"]],
  ["GPUQueue.prototype", ["onSubmittedWorkDone"]],
  ["GPUShaderModule.prototype", ["getCompilationInfo"]],
  ["MediaCapabilities.prototype", ["decodingInfo", "encodingInfo"]],
  ["NavigatorUAData.prototype", ["getHighEntropyValues"]],
  ["WebTransport.prototype", ["createBidirectionalStream", "createUnidirectionalStream", "getStats"]],
];

/**
 * The host's async iterators (a stream's `for await`), by how to make one at
 * boot: their prototype is reached from no global, only from an iterator.
 * Made from a Response's body, not the ReadableStream constructor, which
 * the worker's check counts as leaving work behind (hygiene-sources.ts).
 */
export const ASYNC_ITERATOR_SAMPLES: [what: string, make: (scope: object) => unknown][] = [
  ["a stream's", (scope) => (new (scope as { Response: new (body: string) => { body: { values(): unknown } } }).Response("")).body.values()],
];

/** host getters whose value is a promise of the host's that settles later */
export const PROMISE_GETTERS: [owner: string, getters: string[]][] = [
  ["ReadableStreamDefaultReader.prototype", ["closed"]],
  ["ReadableStreamBYOBReader.prototype", ["closed"]],
  ["WritableStreamDefaultWriter.prototype", ["closed", "ready"]],
  ["FontFace.prototype", ["loaded"]],
  ["FontFaceSet.prototype", ["ready"]],
  ["ImageDecoder.prototype", ["completed"]],
  ["ImageTrackList.prototype", ["ready"]],
  ["WebTransport.prototype", ["ready", "closed", "draining"]],
  ["GPUDevice.prototype", ["lost"]],
];

/** host functions that call back a function they are given: it runs as the thread's (`last`: the last argument, else the first) */
export const CALLBACK_TAKERS: [owner: string, name: string, last?: "last"][] = [
  ["", "requestAnimationFrame"],
  ["Scheduler.prototype", "postTask"],
  ["LockManager.prototype", "request", "last"],
];

/** host classes whose constructor takes a function the host calls later */
export const CALLBACK_CLASSES = ["FinalizationRegistry", "PerformanceObserver", "ReportingObserver"];
