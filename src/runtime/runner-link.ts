// A thread worker's line to the runner: the MessagePort of its start
// message. Held in this module's closure only, never on an object the
// snippet can reach (the API's objects keep no reference to it), and used
// through functions captured before any snippet code runs, so a snippet
// that patches MessagePort.prototype, Function.prototype.call or Reflect
// can neither read the port nor change what the runtime says on it.

import type { FromThread } from "./protocol";

const apply = Reflect.apply;
const postMessage = MessagePort.prototype.postMessage;
let port: MessagePort | null = null;

export function connectRunner(to: MessagePort): void {
  port = to;
}

export function sendToRunner(message: FromThread): void {
  if (port) apply(postMessage, port, [message]);
}
