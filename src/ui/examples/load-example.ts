// Loading a gallery example: its code into the editor (remembering which
// example it is) and its settings into the run settings. An example that
// does not ask for the GIL turns it off, so that "threads run in parallel"
// examples never inherit the GIL from the one loaded before.

import type { Example } from "../../examples/catalog";
import type { PlaygroundStores } from "../state/stores";

export function applyExample(stores: Pick<PlaygroundStores, "editor" | "settings">, example: Example): void {
  stores.settings.getState().update({ ...example.settings, gil: example.settings?.gil ?? false });
  stores.editor.getState().loadExample(example.id, example.code);
}
