// How a queue's or a pipe's items travel (queues.ts, pipe.ts): encoded with
// base/value-codec.ts into one scratch buffer per worker, copied into the
// queue's shared buffer under its lock, and decoded by the getter. The
// playground's own objects go by reference, and what structured clone cannot
// copy (functions, instances of the snippet's classes) as a thread's args
// travel (runtime/serialize.ts). An item too large for a fixed buffer fails
// with a ValueError that names the sizes and the fix.

import { ValueError } from "../base/errors";
import { encode, encodeInto, type CodecOptions } from "../base/value-codec";
import { type WorkerContext, Decoder, Encoder } from "../runtime/door";

/** the largest buffer a queue or pipe may be given */
export const MAX_QUEUE_BYTES = 64 * 1024 * 1024;

export function checkBufferBytes(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > MAX_QUEUE_BYTES) {
    throw new ValueError(`bufferBytes must be an integer from 16 to ${MAX_QUEUE_BYTES}, got ${bytes}`);
  }
  return bytes;
}

// How items travel, per worker context (a worker may serve several threads and runs; a weak key keeps no run alive).
const codecs = new WeakMap<WorkerContext, CodecOptions>();

export function codecOptions(ctx: WorkerContext): CodecOptions {
  const known = codecs.get(ctx);
  if (known) return known;
  const options: CodecOptions = {
    sharedBuffer: ctx.run.userHeap,
    label: "item",
    substitute: (value) => (ctx.scope ? new Encoder(ctx.scope, "another thread").encode(value, "the item") : undefined),
    restore: (standIn) => new Decoder(ctx.scope!).decode(standIn),
  };
  codecs.set(ctx, options);
  return options;
}

// One encoding scratch per worker. An encoding re-entered from inside an
// encoding (a getter of the item that itself puts) gets a fresh one; once
// encodeItem returns, nothing runs before the caller copies the bytes out.
let scratch = new Uint8Array(4096);
let scratchBusy = false;
/** the bytes of the last encodeItem, in [0, its result) */
export let encoded = scratch;

/**
 * Encodes `item` for a buffer that takes at most `maxBytes` into `encoded`
 * and returns its length. Too large: ValueError naming the sizes and the fix.
 */
export function encodeItem(ctx: WorkerContext, item: unknown, maxBytes: number, what: string, options = codecOptions(ctx)): number {
  const mine = !scratchBusy;
  let out = mine ? scratch : new Uint8Array(256);
  scratchBusy = true;
  try {
    let len = encodeInto(item, out, 0, options);
    while (len < 0 && out.length <= maxBytes) {
      out = new Uint8Array(Math.min(out.length * 4, maxBytes + 8));
      if (mine) scratch = out;
      len = encodeInto(item, out, 0, options);
    }
    if (len < 0 || len > maxBytes) {
      const size = len >= 0 ? len : encode(item, options).length;
      const fits = 2 ** Math.ceil(Math.log2(size + 8));
      const fix = fits <= MAX_QUEUE_BYTES ? `give it a bigger buffer with { bufferBytes: ${fits} }` : "send it in parts, or through a Queue, which grows";
      throw new ValueError(`item too large for this ${what}: it takes ${size} bytes encoded, and its buffer holds items of at most ${maxBytes} bytes; ${fix}`);
    }
    encoded = out;
    return len;
  } finally {
    if (mine) scratchBusy = false;
  }
}
