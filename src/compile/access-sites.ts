// Access sites: in a checked compile (race detector, API.md §11), every
// checked read or write of shared memory passes a small integer, its site,
// to the runtime. The site stands for where the access is in the snippet
// (line, column) and how the snippet wrote it (`counter`, `counts[i]`), so a
// race report names both accesses as the code names them, without the
// worker ever handling a string on the hot path.

import ts from "typescript";
import type { AccessSite } from "./types";

export class AccessSites {
  readonly list: AccessSite[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(private readonly sf: ts.SourceFile) {}

  /** The site of an access of `text` (what it reads or writes, as the snippet names it) written at `node`. */
  of(node: ts.Node, text: string): number {
    const original = ts.getOriginalNode(node);
    const start = original.pos >= 0 ? original.getStart(this.sf) : 0;
    const { line, character } = this.sf.getLineAndCharacterOfPosition(start);
    const key = `${start}:${text}`;
    let site = this.byKey.get(key);
    if (site === undefined) {
      site = this.list.length;
      this.list.push({ line: line + 1, column: character + 1, text });
      this.byKey.set(key, site);
    }
    return site;
  }
}
