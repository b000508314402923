// What a new thread runs (its target, args, a Thread subclass's fields, the
// starter's copied globals) travels to its worker through shared memory,
// not in a message: the starter writes it, encoded, into a heap block named
// by the thread's table entry, and whichever worker takes the thread (a
// parked one, runtime/dock.ts, or one the runner hands it) reads it from
// there and gives the block back. So a start needs no message at all.
//
// Table fields (thread-table.ts): spawnBlock (word index of the block, 0:
// none, as for MainThread) and spawnBytes (the encoding's length).
// The encoding is value-codec's; views of the snippet's heap travel as
// (offset, length), so a copied sharedArray is the same memory.

import { decode, encode } from "../base/value-codec";
import type { Blocks } from "../sync/blocks";
import { Field, type ThreadTable } from "./thread-table";
import type { SpawnPayload } from "./protocol";

export type Payload = Omit<SpawnPayload, "ident" | "role" | "name">;

const EMPTY: Payload = { target: null, args: [], self: null, snapshot: {} };

export interface PayloadMemory {
  table: ThreadTable;
  blocks: Blocks;
  /** the snippet's heap: views of it are shared, not copied */
  userHeap: SharedArrayBuffer;
}

/** Writes `payload` for thread `ident` (reserved, not yet published). */
export function storePayload(memory: PayloadMemory, ident: number, payload: Payload): void {
  const bytes = encode(payload, { sharedBuffer: memory.userHeap, label: "what the thread runs" });
  let block: number;
  try {
    block = memory.blocks.alloc(Math.ceil(bytes.length / 4));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // The heap's own words ("allocate fewer objects") would not tell a learner that start() copies, nor what.
    throw new RangeError(noRoomToCopy(memory, payload, bytes.length), { cause: error });
  }
  new Uint8Array(memory.table.i32.buffer, block * 4, bytes.length).set(bytes);
  memory.table.set(ident, Field.SpawnBlock, block);
  memory.table.set(ident, Field.SpawnBytes, bytes.length);
}

/** Why a start failed for want of heap: what it copies, the largest of the top-level values it copies, and what to do instead. */
function noRoomToCopy(memory: PayloadMemory, payload: Payload, bytes: number): string {
  let largest: [string, number] | null = null;
  for (const [name, value] of Object.entries(payload.snapshot as Record<string, unknown>)) {
    const size = encode(value, { sharedBuffer: memory.userHeap, label: name }).length;
    if (!largest || size > largest[1]) largest = [name, size];
  }
  const heapBytes = memory.table.i32.byteLength;
  const heap = heapBytes >= 2 ** 20 ? `${Math.round(heapBytes / 2 ** 20)} MB` : `${Math.round(heapBytes / 1024)} KB`;
  const what = largest && largest[1] > bytes / 2 ? `, most of it the top-level '${largest[0]}' (${largest[1].toLocaleString("en")} bytes)` : "";
  return `start() copies what the thread runs into it (its target, args and the top-level values it reads: ${bytes.toLocaleString("en")} bytes${what}), ` +
    `and the run's ${heap} heap has no room for it: share large data through sharedArray(), which is not copied`;
}

/** Gives back the block of a thread that will never run (its start failed). */
export function dropPayload(memory: PayloadMemory, ident: number): void {
  const block = memory.table.get(ident, Field.SpawnBlock);
  memory.table.set(ident, Field.SpawnBlock, 0);
  if (block > 0) memory.blocks.free(block);
}

/**
 * Reads thread `ident`'s payload and frees its block. The fields are read
 * defensively (any worker can write the table): a block outside the heap
 * or bytes that do not decode throw, and the thread fails with that error.
 */
export function takePayload(memory: PayloadMemory, ident: number): Payload {
  const { table } = memory;
  const block = table.get(ident, Field.SpawnBlock);
  const length = table.get(ident, Field.SpawnBytes);
  if (block === 0) return EMPTY;
  table.set(ident, Field.SpawnBlock, 0);
  const heapBytes = table.i32.byteLength;
  if (!(block > 0 && length >= 0 && block * 4 + length <= heapBytes)) {
    throw new RangeError("the thread's start record is corrupt (the snippet wrote over the runtime's memory?)");
  }
  // Copied out before the block is freed (and before decoding, which may run for a while).
  const bytes = new Uint8Array(table.i32.buffer, block * 4, length).slice();
  memory.blocks.free(block);
  const payload = decode(bytes, 0, bytes.length, { sharedBuffer: memory.userHeap }) as Payload | null;
  if (typeof payload !== "object" || payload === null) throw new RangeError("the thread's start record is corrupt");
  return { target: payload.target, args: payload.args ?? [], self: payload.self ?? null, snapshot: payload.snapshot ?? {} };
}
