// The CPU hint for one round of a spin-wait loop. Atomics.pause (ES2025)
// issues x86 PAUSE / ARM YIELD, which lets a sibling hyperthread run and
// keeps the loop from flooding the memory bus. Older engines lack it; an
// empty function is then the honest equivalent of Rust's spin_loop hint on
// a target without one.

type PauseFn = (iterationHint?: number) => void;

export const spinPause: PauseFn =
  typeof (Atomics as { pause?: PauseFn }).pause === "function" ? (Atomics as unknown as { pause: PauseFn }).pause : () => {};
