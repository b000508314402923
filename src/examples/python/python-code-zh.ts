// The Chinese version of an example's Python program: its code with the
// comments replaced, as ../chinese-comments.ts does for the TypeScript
// examples' "// " comments. Nothing else changes, so the Python tab's line
// numbers (and tsToPy) are the same in both languages.

import type { PythonVersion } from "./python-types";

/**
 * The Python code with every comment that is a key of commentsZh replaced by
 * its Chinese. A key must be a whole comment ("# " + key, then the line's
 * end); a comment of several lines is one key, its lines joined by "\n# ".
 * A key that is not in the code throws, so a comment edited in English cannot
 * silently lose its translation; so does a Chinese with another line count.
 */
export function pythonCodeZh(version: PythonVersion): string {
  let result = version.code;
  for (const [english, chinese] of Object.entries(version.commentsZh)) {
    if (english.split("\n").length !== chinese.split("\n").length) {
      throw new Error(`the Chinese of comment "${english}" has a different number of lines`);
    }
    const pieces = result.split(`# ${english}\n`);
    if (pieces.length < 2) throw new Error(`comment not found in the Python code: "${english}"`);
    result = pieces.join(`# ${chinese}\n`);
  }
  return result;
}
