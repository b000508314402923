// The Chinese version of an example's code: the same program with its
// comments translated. An example is written with a table `commentsZh` from
// each English comment's text to its Chinese; withCodeZh turns it into an
// Example whose codeZh is its code with those comments replaced. Nothing else
// changes, so the two programs cannot drift apart (catalog.test.ts checks).

import type { Example } from "./example-types";

/**
 * English comment text → Chinese, without the leading "// ". A comment of
 * several lines is one key, its lines joined by "\n// ", and its Chinese has
 * as many lines (so line numbers stay the same in both languages).
 */
export type CommentsZh = Readonly<Record<string, string>>;

/** An example as written in a topic file: codeZh comes from commentsZh. */
export type ExampleSource = Omit<Example, "codeZh"> & { commentsZh: CommentsZh };

/**
 * `code` with every comment that is a key of `comments` replaced by its
 * Chinese. A key must be a whole comment ("// " + key, then the line's end);
 * one that is not in the code throws, so a comment edited in English cannot
 * silently lose its translation.
 */
export function withComments(code: string, comments: CommentsZh): string {
  let result = code;
  for (const [english, chinese] of Object.entries(comments)) {
    if (english.split("\n").length !== chinese.split("\n").length) {
      throw new Error(`the Chinese of comment "${english}" has a different number of lines`);
    }
    const pieces = result.split(`// ${english}\n`);
    if (pieces.length < 2) throw new Error(`comment not found in the code: "${english}"`);
    result = pieces.join(`// ${chinese}\n`);
  }
  return result;
}

/** The example (or examples), with codeZh made from commentsZh. */
export function withCodeZh(source: ExampleSource): Example;
export function withCodeZh(sources: readonly ExampleSource[]): Example[];
export function withCodeZh(input: ExampleSource | readonly ExampleSource[]): Example | Example[] {
  if (isList(input)) return input.map((source) => withCodeZh(source));
  const { commentsZh, ...example } = input;
  return { ...example, codeZh: withComments(example.code, commentsZh) };
}

function isList(input: ExampleSource | readonly ExampleSource[]): input is readonly ExampleSource[] {
  return Array.isArray(input);
}
