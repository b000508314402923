import { describe, expect, it } from "vitest";
import { nextMenuIndex, type MenuItemInfo } from "./menu-keys";

// Two topics: three items, then two.
const items: MenuItemInfo[] = [
  { label: "Start a thread", group: 0 },
  { label: "Daemon threads", group: 0 },
  { label: "Timer", group: 0 },
  { label: "Deadlock", group: 1 },
  { label: "RLock", group: 1 },
];

describe("keyboard movement in the examples menu", () => {
  it("moves with the arrows and wraps at both ends", () => {
    expect(nextMenuIndex("ArrowDown", 0, items)).toBe(1);
    expect(nextMenuIndex("ArrowDown", 4, items)).toBe(0);
    expect(nextMenuIndex("ArrowUp", 0, items)).toBe(4);
    expect(nextMenuIndex("Home", 3, items)).toBe(0);
    expect(nextMenuIndex("End", 1, items)).toBe(4);
  });

  it("jumps between topics with PageDown and PageUp", () => {
    expect(nextMenuIndex("PageDown", 1, items)).toBe(3);
    expect(nextMenuIndex("PageDown", 3, items)).toBe(4); // last topic: its last item
    expect(nextMenuIndex("PageUp", 4, items)).toBe(3);   // to the start of its own topic first
    expect(nextMenuIndex("PageUp", 3, items)).toBe(0);   // then to the previous topic
  });

  it("finds the next item starting with a typed letter, and ignores other keys", () => {
    expect(nextMenuIndex("d", 0, items)).toBe(1);
    expect(nextMenuIndex("d", 1, items)).toBe(3);
    expect(nextMenuIndex("x", 0, items)).toBeNull();
    expect(nextMenuIndex(" ", 0, items)).toBeNull();
    expect(nextMenuIndex("Enter", 0, items)).toBeNull();
    expect(nextMenuIndex("ArrowDown", 0, [])).toBeNull();
  });
});
