// Test harness for the race detector: puppets (sync/puppet.ts: real Node
// worker_threads) that share one detector memory and one plain memory with
// a real Lock in it, each with a RaceDetector of its own, and run detector
// operations (or a locked counting loop) on request. Each reply's value
// carries the races that puppet reported so far.

import { Harness, Puppet as BasePuppet, startAll, startGate, type BaseReply } from "../../sync/puppet";
import { Lock } from "../../sync/lock";
import { RaceDetector, type RaceReport } from "./race-detector";

export type Op =
  | { op: "enter"; ident: number; main: boolean }
  | { op: "fork" | "joined"; ident: number }
  | { op: "release" | "acquire"; ref: number }
  | { op: "read" | "write"; cell: number; site: number }
  /** after a start gate: `iterations` x (lock, acquire(ref), read+write cell, release(ref), unlock) */
  | { op: "countLocked"; lockBase: number; ref: number; cell: number; iterations: number; gate: number; parties: number; ident: number }
  /** after a start gate: `iterations` x (read+write cell), no lock */
  | { op: "countBare"; cell: number; iterations: number; gate: number; parties: number };

export type Reply = BaseReply;

const harness = new Harness<Op, Reply>(import.meta.url, "raceHarness");

harness.serve(({ race, sab }: { race: SharedArrayBuffer; sab: SharedArrayBuffer }) => {
  const i32 = new Int32Array(sab);
  const reports: RaceReport[] = [];
  const detector = new RaceDetector(race, (r) => reports.push(r), () => Math.round(performance.now() * 1000));
  const locks = new Map<number, Lock>();
  const lockAt = (base: number) => locks.get(base) ?? locks.set(base, new Lock(i32, base)).get(base)!;
  return (op) => {
    switch (op.op) {
      case "enter": detector.enter(op.ident, op.main); break;
      case "fork": detector.fork(op.ident); break;
      case "joined": detector.joined(op.ident); break;
      case "release": detector.release(op.ref); break;
      case "acquire": detector.acquire(op.ref); break;
      case "read": detector.read(op.cell, op.site); break;
      case "write": detector.write(op.cell, op.site); break;
      case "countLocked": {
        const lock = lockAt(op.lockBase);
        startGate(i32, op.gate, op.parties);
        for (let k = 0; k < op.iterations; k++) {
          lock.acquire(op.ident);
          detector.acquire(op.ref);
          detector.read(op.cell, 1);
          i32[op.cell] = i32[op.cell] + 1;
          detector.write(op.cell, 2);
          detector.release(op.ref);
          lock.release(op.ident);
        }
        break;
      }
      case "countBare":
        startGate(i32, op.gate, op.parties);
        for (let k = 0; k < op.iterations; k++) {
          detector.read(op.cell, 3);
          i32[op.cell] = i32[op.cell] + 1;
          detector.write(op.cell, 4);
        }
        break;
    }
    return reports.slice();
  };
});

export class RacePuppet extends BasePuppet<Op, Reply> {
  static start(race: SharedArrayBuffer, sab: SharedArrayBuffer): Promise<RacePuppet> {
    return new RacePuppet(harness, { race, sab }).started();
  }

  async races(op: Op): Promise<RaceReport[]> {
    return (await this.run(op)).value as RaceReport[];
  }
}

export function startRacePuppets(race: SharedArrayBuffer, sab: SharedArrayBuffer, n: number): Promise<RacePuppet[]> {
  return startAll(n, () => RacePuppet.start(race, sab));
}

export function stopRacePuppets(): Promise<void> {
  return harness.stop();
}
