// The places a traceback names ("line 4, column 25", "(line 4)", "line 4:25",
// and "第 4 行", "第 4 行第 25 列" where runtime-words.ts said it in Chinese),
// found in an output line's text so the panel can make each a link that
// moves the editor's cursor there. Only the forms the session writes
// (session/traceback.ts, ui/format.ts) are recognised, so a program that
// prints "the line 7 bus" gets a link too: harmless, it only moves a cursor.

export interface TextPart {
  text: string;
  /** set on the parts that name a place in the snippet */
  line?: number;
  column?: number;
}

const PLACE = /\bline (\d{1,6})(?:(?:, column |:)(\d{1,6}))?|第 (\d{1,6}) 行(?:第 (\d{1,6}) 列)?/g;

export function tracebackParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACE)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at) });
    const column = match[2] ?? match[4];
    parts.push({ text: match[0], line: Number(match[1] ?? match[3]), column: column ? Number(column) : undefined });
    last = at + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}
