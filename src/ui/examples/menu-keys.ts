// Keyboard movement in the examples menu (WAI-ARIA menu pattern): arrows
// move and wrap, Home/End jump to the ends, PageUp/PageDown to the first
// item of the previous/next topic, a letter to the next item starting with
// it. Pure, so the component only maps keys to focus.

export interface MenuItemInfo {
  /** the item's visible label, for type-ahead */
  label: string;
  /** index of the item's group (topic) */
  group: number;
}

/** The index to focus after `key` on item `index`, or null when the key does not move. */
export function nextMenuIndex(key: string, index: number, items: readonly MenuItemInfo[]): number | null {
  const count = items.length;
  if (count === 0) return null;
  const at = Math.min(Math.max(index, 0), count - 1);
  switch (key) {
    case "ArrowDown":
      return (at + 1) % count;
    case "ArrowUp":
      return (at - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    case "PageDown": {
      const next = items.findIndex((item, i) => i > at && item.group !== items[at].group);
      return next === -1 ? count - 1 : next;
    }
    case "PageUp": {
      const groupStart = items.findIndex((item) => item.group === items[at].group);
      if (groupStart < at) return groupStart;
      const previousGroup = items[Math.max(groupStart - 1, 0)].group;
      return items.findIndex((item) => item.group === previousGroup);
    }
  }
  if (key.length === 1 && key.trim() !== "") {
    const letter = key.toLocaleLowerCase();
    for (let step = 1; step <= count; step++) {
      const i = (at + step) % count;
      if (items[i].label.toLocaleLowerCase().startsWith(letter)) return i;
    }
  }
  return null;
}
