// A controlled run's schedule as a URL-safe string (API.md §10): the thread
// (its ident) that took each step, in order, run-length encoded, because a
// thread usually takes many steps in a row. "1~5.2.1~3" is MainThread five
// steps, Thread ident 2 one, MainThread three. Numbers are base 36; "."
// separates runs and "~" a run's length. The leading "s1" is the format's
// version, so a link made today still reads (or is refused clearly) later.

const VERSION = "s1";

export function encodeSchedule(choices: ArrayLike<number>): string {
  const runs: string[] = [];
  for (let i = 0; i < choices.length; ) {
    const ident = choices[i];
    let n = 1;
    while (i + n < choices.length && choices[i + n] === ident) n++;
    runs.push(n === 1 ? ident.toString(36) : `${ident.toString(36)}~${n.toString(36)}`);
    i += n;
  }
  return runs.length === 0 ? VERSION : `${VERSION}.${runs.join(".")}`;
}

export type Decoded = { ok: true; choices: number[] } | { ok: false; error: string };

/** The choices of `text`, at most `maxSteps` of them; a clear error for anything else. */
export function decodeSchedule(text: string, maxSteps: number): Decoded {
  const parts = text.split(".");
  if (parts[0] !== VERSION) return { ok: false, error: `a schedule starts with "${VERSION}" (it is RunResult.schedule of an earlier controlled run)` };
  const choices: number[] = [];
  for (const part of parts.slice(1)) {
    const match = /^([0-9a-z]{1,3})(?:~([0-9a-z]{1,6}))?$/.exec(part);
    if (!match) return { ok: false, error: `the schedule has a malformed part "${part.slice(0, 20)}"` };
    const ident = parseInt(match[1], 36);
    const count = match[2] === undefined ? 1 : parseInt(match[2], 36);
    if (!(ident >= 1) || !(count >= 1)) return { ok: false, error: `the schedule has a malformed part "${part.slice(0, 20)}"` };
    if (choices.length + count > maxSteps) return { ok: false, error: `the schedule is longer than a controlled run's ${maxSteps} steps` };
    for (let k = 0; k < count; k++) choices.push(ident);
  }
  return { ok: true, choices };
}
