// What the Python tab shows for a gallery example: the same program written
// in Python 3 (the language of the tutorials learners follow), the Chinese of
// its comments, and which Python line each TypeScript line corresponds to, so
// that hovering a TypeScript line can highlight its Python counterpart.
// Like the rest of src/examples, this folder is data and imports nothing
// from outside itself.

export interface PythonVersion {
  /** the Python 3 program, comments in English */
  code: string;
  /** English comment text (without "# ") -> Chinese, as the TypeScript examples' commentsZh; same line count */
  commentsZh: Readonly<Record<string, string>>;
  /** for each TypeScript line (index = line - 1): the 1-based Python line it corresponds to, or 0 if none */
  tsToPy: readonly number[];
}
