// Names come from the snippet (a thread's name is any string), and a
// control character in one would show it as something else: U+202E draws
// the rest of it reversed ("evil\u202egnp.exe" reads "evilexe.png"), a
// zero-width space makes two names look alike, a newline hides the rest.
// Wherever the playground shows a name it shows each such character as
// Python's repr does (\u202e). The text the snippet printed is left as it is.

/** C0 and C1 controls, and the invisible format characters that reorder or hide text (bidi embeddings, overrides and isolates, zero-width marks) */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const EVERY_HIDDEN = new RegExp(HIDDEN.source, "g");

/** `text` with each character that would not draw as itself written as an escape. */
export function visibleText(text: string): string {
  if (!HIDDEN.test(text)) return text;
  return text.replace(EVERY_HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

