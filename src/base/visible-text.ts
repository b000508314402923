// Names come from the snippet (a thread's name is any string), and a
// control character in one would show it as something else: U+202E draws
// the rest of it reversed ("evil\u202egnp.exe" reads "evilexe.png"), a
// zero-width space makes two names look alike, a newline hides the rest.
// Wherever the playground shows a name it shows each such character as
// Python's repr does (\u202e). The text the snippet printed is left as it is.

/**
 * Controls, format characters (bidi embeddings, overrides and isolates,
 * zero-width marks, tags), line and paragraph separators, lone surrogates,
 * and the fillers that draw as nothing.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/u;
const EVERY_HIDDEN = new RegExp(HIDDEN.source, "gu");
const NAMED: Record<string, string> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A character as Python's repr writes one it does not show: \n, \x85, \u202e, \U000e0041. */
function escaped(c: string): string {
  const code = c.codePointAt(0)!;
  if (NAMED[c]) return NAMED[c];
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/**
 * `text` with each character that would not draw as itself written as an
 * escape; in such a name a backslash is doubled too, so that an escape
 * cannot be passed off as one.
 */
export function visibleText(text: string): string {
  if (!HIDDEN.test(text)) return text;
  return text.replace(/\\/g, "\\\\").replace(EVERY_HIDDEN, escaped);
}
