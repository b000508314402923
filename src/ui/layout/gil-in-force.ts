// The GIL setting the toolbar shows: the one in force, whatever set it. A
// run's settings are resolved as toolbar < the code's first-line pragma <
// the run request (runtime/settings.ts), so a toolbar that showed only its
// own value would say "no GIL" beside a snippet whose `// playground:
// gil=on` turned it on (the comparison example did). While a run goes on,
// the box shows what that run resolved; between runs, what the next run of
// the code in the editor will use: the pragma's value if it has one, else
// the toolbar's (which a link or an embed's address set when the page
// opened, or the learner).

import type { ResolvedSettings, RunSettings } from "../../runtime/settings";
import type { RunState } from "../state/stores";

export interface GilInForce {
  on: boolean;
  /** the code's pragma set it: the box cannot change it */
  byCode: boolean;
  switchIntervalMs: number;
  intervalByCode: boolean;
}

export function gilInForce(
  toolbar: Pick<ResolvedSettings, "gil" | "switchIntervalMs">,
  codePragmas: RunSettings,
  running: RunState["inForce"],
): GilInForce {
  if (running) {
    const { settings, fromCode } = running;
    return {
      on: settings.gil,
      byCode: fromCode.gil !== undefined && fromCode.gil === settings.gil,
      switchIntervalMs: settings.switchIntervalMs,
      intervalByCode: fromCode.switchIntervalMs !== undefined && fromCode.switchIntervalMs === settings.switchIntervalMs,
    };
  }
  return {
    on: codePragmas.gil ?? toolbar.gil,
    byCode: codePragmas.gil !== undefined,
    switchIntervalMs: codePragmas.switchIntervalMs ?? toolbar.switchIntervalMs,
    intervalByCode: codePragmas.switchIntervalMs !== undefined,
  };
}

/**
 * Whether the run is controlled (API.md §10), by the same rule as the GIL:
 * what the running run resolved, else the pragma's, else the toolbar's. A
 * controlled run has no use for the GIL (one thread runs at a time anyway),
 * so the toolbar's mode shows Controlled over GIL whatever the GIL says.
 */
export function controlledInForce(toolbar: Pick<ResolvedSettings, "controlled">, codePragmas: RunSettings, running: RunState["inForce"]): { on: boolean; byCode: boolean } {
  if (running) {
    const { settings, fromCode } = running;
    return { on: settings.controlled, byCode: fromCode.controlled !== undefined && fromCode.controlled === settings.controlled };
  }
  return { on: codePragmas.controlled ?? toolbar.controlled, byCode: codePragmas.controlled !== undefined };
}

/** The code's first line: all a pragma can be on (compile/pragmas.ts), and cheap to compare on every edit. */
export function firstLine(code: string): string {
  const newline = code.indexOf("\n");
  return newline < 0 ? code : code.slice(0, newline);
}
