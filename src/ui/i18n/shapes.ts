// Sentences said in another language by their shape: a table of patterns,
// each with the words to say for a match (the groups are the names and
// numbers the sentence carries). The runtime's, the compiler's and step
// mode's sentences are said this way (output/runtime-words.ts,
// editor/compiler-words.ts, controlled/explain-words.ts).

export type Shape = [RegExp, (...groups: string[]) => string];

/** `text` said by the first shape it matches whole, or null if it matches none. */
export function sayByShape(shapes: readonly Shape[], text: string): string | null {
  for (const [shape, words] of shapes) {
    const match = shape.exec(text);
    if (match) return words(...match.slice(1));
  }
  return null;
}
