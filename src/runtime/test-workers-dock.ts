// Test harness for the dock (dock.ts): puppets (sync/puppet.ts: real
// worker_threads sharing one SharedArrayBuffer) that park at a place the
// way a run's idle worker does, and reply with the ident each wait gave
// them. This file is both ends: imported by dock.test.ts it exports
// DockPuppet; loaded in a worker (workerData.dockHarness) it serves.

import { Harness, Puppet } from "../sync/puppet";
import { park, REVIEW } from "./dock";

export type DockOp =
  /**
   * park at word `at` `times` times in a row; the idents received, 0 ending
   * the list early; a REVIEW is recorded and answered as a docked worker
   * answers it (it parks again at once)
   */
  { op: "park"; at: number; times: number };

const harness = new Harness<DockOp>(import.meta.url, "dockHarness");

harness.serve(({ sab }: { sab: SharedArrayBuffer }) => {
  const i32 = new Int32Array(sab);
  return (op) => {
    const received: number[] = [];
    let reviewed = false;
    for (let k = 0; k < op.times; k++) {
      const ident = park(i32, op.at, reviewed);
      reviewed = ident === REVIEW;
      received.push(ident);
      if (ident === 0) break;
    }
    return received;
  };
});

export class DockPuppet extends Puppet<DockOp> {
  static start(sab: SharedArrayBuffer): Promise<DockPuppet> {
    return new DockPuppet(sab).started();
  }

  private constructor(sab: SharedArrayBuffer) {
    super(harness, { sab });
  }

  async park(at: number, times = 1): Promise<number[]> {
    return (await this.run({ op: "park", at, times })).value as number[];
  }
}

export const stopDockPuppets = (): Promise<void> => harness.stop();
