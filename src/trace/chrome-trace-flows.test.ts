import { describe, expect, it } from "vitest";
import { COARSE_SKEW_US, placeEnds, type StatePieces } from "./chrome-trace-flows";

/** A thread's state slices, back to back, from `bounds` (µs). */
function pieces(...bounds: number[]): StatePieces {
  return { pid: 1, starts: Float64Array.from(bounds.slice(0, -1)), ends: Float64Array.from(bounds.slice(1)) };
}

describe("placing an arrow's two ends", () => {
  it("puts each end inside its thread's slices, at its stamp", () => {
    expect(placeEnds(pieces(0, 100), pieces(0, 50, 200), 40, 60)).toEqual([40, 60]);
  });

  it("never puts the taking end before the giving one", () => {
    const [from, to] = placeEnds(pieces(0, 100), pieces(0, 200), 50, 45)!;
    expect(from).toBe(50);
    expect(to).toBeGreaterThanOrEqual(from);
  });

  it("when the taker's life ends before the giver's stamp, by less than the coarse clock's skew, the giving end moves back", () => {
    // The consumer took the last item and ended; its last stamps came from the lagging coarse clock.
    const taker = pieces(0, 400, 1000);
    const giver = pieces(0, 3000);
    const ends = placeEnds(giver, taker, 1500, 900);
    expect(ends).not.toBeNull();
    const [from, to] = ends!;
    expect(from).toBeLessThanOrEqual(to);
    expect(to).toBeLessThan(1000);
    expect(to).toBeGreaterThan(400);
  });

  it("a larger disagreement, or a giver not alive then, leaves the arrow out", () => {
    expect(placeEnds(pieces(0, 9000), pieces(0, 1000), 1000 + COARSE_SKEW_US + 500, 900)).toBeNull();
    expect(placeEnds(pieces(1200, 3000), pieces(0, 1000), 1500, 900)).toBeNull();
    expect(placeEnds(pieces(0, 100), pieces(), 50, 60)).toBeNull();
  });

  it("a slice too short to hold a point gives way to the next", () => {
    // waiting [0, 500], a state of half a nanosecond, then running [500.0005, 900]
    const taker = pieces(0, 500, 500.0005, 900);
    const [from, to] = placeEnds(pieces(0, 1000), taker, 500.0003, 480)!;
    expect(from).toBe(500);
    expect(to).toBeGreaterThanOrEqual(500.0005);
    expect(to).toBeLessThan(900);
  });
});
