// The lists the worker's check of itself works from (worker-hygiene.ts):
// the globals whose descriptors it compares at every check, and the host
// functions that leave work to run later, which it wraps at boot so that
// any call of one taints the worker for good. The lists are of the sources
// known; worker-hygiene.ts says what one missing from them could do.

/**
 * Globals whose descriptors every check compares: the language's own, and
 * the host's the runtime calls (a snippet that replaced Atomics would hang
 * every later schedule of its search until its timeout, not just change
 * what it prints).
 */
export const ALWAYS_GLOBALS = new Set([
  "Object", "Function", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Math", "JSON", "Reflect", "Proxy",
  "Atomics", "Promise", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Error", "TypeError", "RangeError", "SyntaxError",
  "ReferenceError", "EvalError", "URIError", "AggregateError", "Date", "RegExp", "ArrayBuffer", "SharedArrayBuffer",
  "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
  "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "parseInt", "parseFloat", "isNaN", "isFinite",
  "encodeURIComponent", "decodeURIComponent", "globalThis", "self", "postMessage", "performance", "crypto",
  "MessageChannel", "MessagePort", "TextEncoder", "TextDecoder", "structuredClone", "console", "Intl",
]);

/** Globals that leave work behind: any call taints the worker. */
export const ASYNC_SOURCES = [
  "setTimeout", "setInterval", "queueMicrotask", "requestAnimationFrame", "fetch", "importScripts", "createImageBitmap",
  "XMLHttpRequest", "WebSocket", "EventSource", "BroadcastChannel", "MessageChannel", "Worker", "SharedWorker",
  "FileReader", "Notification", "addEventListener", "FinalizationRegistry", "ReadableStream", "WritableStream",
  "TransformStream", "OffscreenCanvas", "WebTransport",
];

/**
 * Host methods whose promise or callback comes back in a later task (an
 * async source the list above does not reach: a method of an object, not
 * a global), by the object that holds them, as found from the global scope.
 */
export const ASYNC_METHODS: [owner: string, methods: string[]][] = [
  ["SubtleCrypto.prototype", ["encrypt", "decrypt", "sign", "verify", "digest", "generateKey", "deriveKey", "deriveBits", "importKey", "exportKey", "wrapKey", "unwrapKey"]],
  ["Blob.prototype", ["text", "arrayBuffer", "bytes", "stream"]],
  ["Response.prototype", ["text", "json", "arrayBuffer", "blob", "formData", "bytes"]],
  ["Request.prototype", ["text", "json", "arrayBuffer", "blob", "formData", "bytes"]],
  ["AbortSignal", ["timeout", "any"]],
  ["Scheduler.prototype", ["postTask", "yield"]],
  ["LockManager.prototype", ["request", "query"]],
  ["WebAssembly", ["compile", "instantiate", "compileStreaming", "instantiateStreaming"]],
  ["CacheStorage.prototype", ["open", "match", "has", "delete", "keys"]],
  ["IDBFactory.prototype", ["open", "deleteDatabase", "databases"]],
  ["StorageManager.prototype", ["estimate", "persist", "persisted", "getDirectory"]],
  ["FontFaceSet.prototype", ["load"]],
];

/**
 * The host's event targets that deliver later work to an on-handler
 * (port.onmessage, ws.onopen): each one's prototype chain in a worker of
 * Chromium 156, read from its global scope. Listed, not found by walking
 * the scope: reading every global makes the host build each interface
 * object, 10-20 ms of a worker's boot, against about one for these.
 */
export const EVENT_TARGETS = [
  "MessagePort", "BroadcastChannel", "WebSocket", "EventSource", "XMLHttpRequestEventTarget", "XMLHttpRequest", "FileReader",
  "Worker", "IDBRequest", "IDBOpenDBRequest", "IDBTransaction", "IDBDatabase", "AbortSignal", "TaskSignal", "Notification",
  "RTCDataChannel", "PermissionStatus", "NetworkInformation", "FontFaceSet", "OffscreenCanvas", "Performance", "MediaSource",
  "SourceBuffer", "SourceBufferList", "AudioDecoder", "AudioEncoder", "VideoDecoder", "VideoEncoder", "GPUDevice",
  "BackgroundFetchRegistration", "IdleDetector", "ServiceWorkerRegistration", "HID", "HIDDevice", "Serial", "SerialPort", "USB",
  "CreateMonitor",
];
