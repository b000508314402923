// The core of the playground's `RWLock`: the readers–writers lock of the
// classic lesson (not in Python's stdlib; Courtois, Heymans and Parnas,
// "Concurrent control with readers and writers", 1971, their second
// solution: writers have priority). Many readers may hold it at once, or
// one writer; a writer that waits stops new readers from coming in, so a
// stream of readers cannot starve it.
//
// Algorithm: a monitor. A short mutex (mutex.ts) guards the counts; waiting
// is on two futex sequence words, as the queue core's conditions are (a
// waiter reads the word under the mutex, counts itself, unlocks, and sleeps
// while the word still holds what it read; whoever changes the state bumps
// the word first, so no wake-up is lost). A releasing writer wakes one
// waiting writer if there is one, else every waiting reader; the last
// reader out wakes one writer.
//
// States: free; read-held by n >= 1 readers; write-held by one writer.
//
// Slots (Int32 word offsets from `base`):
//   0  mutex          mutex 2 word guarding the rest
//   1  readers        readers holding it now
//   2  writer         ident of the writer holding it, 0 when none
//   3  writersWaiting writers waiting (new readers wait while this is > 0)
//   4  readGate       futex sequence readers wait on
//   5  writeGate      futex sequence writers wait on
//   6  readersWaiting readers asleep on readGate
//   7  (padding)
//   8-15 readerIdents  the first readers holding it (0: empty), for the
//                     deadlock watch to name one; more readers are counted only
//
// Sleeping goes through a Parking (parking.ts): the futex and real time, or
// a controlled run's scheduler and virtual time.
//
// Idents must be positive; which thread holds a read is for the caller to
// check (RuntimeError on a release by a thread that holds none).

import { RuntimeError } from "../base/errors";
import { checkIdent, checkTimeout } from "./lock";
import { lockWordSlow, tryLockWord, unlockWord } from "./mutex";
import { FUTEX_PARKING, type Parking } from "./parking";

const MUTEX = 0, READERS = 1, WRITER = 2, WRITERS_WAITING = 3, READ_GATE = 4, WRITE_GATE = 5, READERS_WAITING = 6;
const READER_IDENTS = 8, READER_SLOTS = 8;

export class RWLock {
  static readonly WORDS = READER_IDENTS + READER_SLOTS;

  constructor(private readonly i32: Int32Array, private readonly base: number) {}

  private lock(): void {
    if (!tryLockWord(this.i32, this.base + MUTEX)) lockWordSlow(this.i32, this.base + MUTEX, Infinity);
  }

  private unlock(): void {
    unlockWord(this.i32, this.base + MUTEX);
  }

  /**
   * Sleeps on gate `which` (entered and left with the mutex held) until it
   * moves or the deadline passes; false on the deadline.
   */
  private sleep(which: number, deadline: number, onBlock: (() => void) | undefined, parking: Parking): boolean {
    const i32 = this.i32;
    const seq = i32[this.base + which];
    this.unlock();
    if (deadline - parking.now() > 0) {
      onBlock?.();
      parking.park(i32, this.base + which, seq, deadline);
    }
    this.lock();
    return parking.now() < deadline;
  }

  private bump(which: number, count: number): void {
    Atomics.add(this.i32, this.base + which, 1);
    Atomics.notify(this.i32, this.base + which, count);
  }

  /** Takes a read hold, waiting while a writer holds or waits for it; false on timeout. */
  acquireRead(ident: number, timeoutMs = Infinity, onBlock?: () => void, parking: Parking = FUTEX_PARKING): boolean {
    checkIdent(ident);
    checkTimeout(timeoutMs);
    const i32 = this.i32, b = this.base;
    const deadline = parking.now() + timeoutMs;
    let blocked = false;
    this.lock();
    for (;;) {
      if (i32[b + WRITER] === 0 && i32[b + WRITERS_WAITING] === 0) {
        i32[b + READERS]++;
        for (let k = 0; k < READER_SLOTS; k++) {
          if (i32[b + READER_IDENTS + k] === 0) {
            i32[b + READER_IDENTS + k] = ident;
            break;
          }
        }
        this.unlock();
        return true;
      }
      if (timeoutMs === 0) break;
      i32[b + READERS_WAITING]++;
      const inTime = this.sleep(READ_GATE, deadline, blocked ? undefined : onBlock, parking);
      blocked = true;
      i32[b + READERS_WAITING]--;
      if (!inTime && !(i32[b + WRITER] === 0 && i32[b + WRITERS_WAITING] === 0)) break;
    }
    this.unlock();
    return false;
  }

  /** Gives a read hold back; the last reader out lets a waiting writer in. */
  releaseRead(ident: number): void {
    const i32 = this.i32, b = this.base;
    this.lock();
    if (i32[b + READERS] <= 0) {
      this.unlock();
      throw new RuntimeError("release of an RWLock that is not read-held");
    }
    const readers = --i32[b + READERS];
    for (let k = 0; k < READER_SLOTS; k++) {
      if (i32[b + READER_IDENTS + k] === ident) {
        i32[b + READER_IDENTS + k] = 0;
        break;
      }
    }
    const wakeWriter = readers === 0 && i32[b + WRITERS_WAITING] > 0;
    this.unlock();
    if (wakeWriter) this.bump(WRITE_GATE, 1);
  }

  /** Takes the write hold, waiting while anyone holds it; false on timeout. */
  acquireWrite(ident: number, timeoutMs = Infinity, onBlock?: () => void, parking: Parking = FUTEX_PARKING): boolean {
    checkIdent(ident);
    checkTimeout(timeoutMs);
    const i32 = this.i32, b = this.base;
    const deadline = parking.now() + timeoutMs;
    this.lock();
    if (i32[b + WRITER] === 0 && i32[b + READERS] === 0) {
      i32[b + WRITER] = ident;
      this.unlock();
      return true;
    }
    if (timeoutMs === 0) {
      this.unlock();
      return false;
    }
    i32[b + WRITERS_WAITING]++;
    let blocked = false;
    for (;;) {
      const inTime = this.sleep(WRITE_GATE, deadline, blocked ? undefined : onBlock, parking);
      blocked = true;
      if (i32[b + WRITER] === 0 && i32[b + READERS] === 0) {
        i32[b + WRITER] = ident;
        i32[b + WRITERS_WAITING]--;
        this.unlock();
        return true;
      }
      if (!inTime) break;
    }
    // Gave up: readers held back for this writer may come in now.
    const last = --i32[b + WRITERS_WAITING] === 0 && i32[b + WRITER] === 0;
    const readersWaiting = i32[b + READERS_WAITING] > 0;
    this.unlock();
    if (last && readersWaiting) this.bump(READ_GATE, Infinity);
    return false;
  }

  /** Gives the write hold back: a waiting writer goes next, else every waiting reader. */
  releaseWrite(ident: number): void {
    const i32 = this.i32, b = this.base;
    this.lock();
    if (i32[b + WRITER] !== ident) {
      this.unlock();
      throw new RuntimeError("release of an RWLock's write hold by a thread that does not hold it");
    }
    i32[b + WRITER] = 0;
    const writers = i32[b + WRITERS_WAITING] > 0;
    this.unlock();
    if (writers) this.bump(WRITE_GATE, 1);
    else this.bump(READ_GATE, Infinity);
  }

  readers(): number {
    return Atomics.load(this.i32, this.base + READERS);
  }

  /** The ident of the writer holding it, 0 when none. */
  writer(): number {
    return Atomics.load(this.i32, this.base + WRITER);
  }

  /** A thread holding it (the writer, else one of the readers), 0 when free: for the deadlock watch. */
  holder(): number {
    const writer = this.writer();
    if (writer !== 0) return writer;
    for (let k = 0; k < READER_SLOTS; k++) {
      const ident = Atomics.load(this.i32, this.base + READER_IDENTS + k);
      if (ident !== 0) return ident;
    }
    return 0;
  }
}
