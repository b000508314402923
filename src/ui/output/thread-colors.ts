// A stable colour per thread name, the same in every run: MainThread has
// its own, numbered names (Thread-3, PoolWorker-2) step through the palette
// so neighbours differ, and any other name is hashed. The colours are CSS
// classes (tc-0 … tc-7) so light and dark themes can each tune them.

export const THREAD_COLOR_COUNT = 8;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function threadColorIndex(name: string): number {
  if (name === "MainThread") return 0;
  const others = THREAD_COLOR_COUNT - 1;
  const numbered = /^(.*?)-?(\d+)$/.exec(name);
  if (numbered) {
    // Offset by the prefix so Thread-1 and Process-1 do not share a colour.
    const offset = hash(numbered[1]) % others;
    return 1 + ((Number(numbered[2]) - 1 + offset) % others);
  }
  return 1 + (hash(name) % others);
}

export function threadColorClass(name: string): string {
  return `tc-${threadColorIndex(name)}`;
}
