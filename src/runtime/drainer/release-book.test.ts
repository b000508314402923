import { describe, expect, it } from "vitest";
import { ReleaseBook, releaseBookBytes, ringEndsFrom } from "./release-book";

describe("ReleaseBook", () => {
  it("answers for the thread released in a slot, not for the slot's earlier or later threads", () => {
    const book = new ReleaseBook(new SharedArrayBuffer(releaseBookBytes(4)));
    expect(book.released(2, 3)).toBeUndefined();
    book.release(2, 3, { trace: 5, output: -8 });
    expect(book.released(2, 3)).toEqual({ trace: 5, output: -8 });
    expect(book.released(2, 7), "the slot's next thread").toBeUndefined();
    book.release(2, 7, null);
    expect(book.released(2, 7), "released, its ends unknown").toBeNull();
    expect(book.released(2, 3)).toBeUndefined();
  });

  it("ignores slots outside the book", () => {
    const book = new ReleaseBook(new SharedArrayBuffer(releaseBookBytes(2)));
    book.release(2, 1, { trace: 1, output: 1 });
    book.release(-1, 1, { trace: 1, output: 1 });
    expect(book.released(2, 1)).toBeUndefined();
    expect(book.released(-1, 1)).toBeUndefined();
  });

  it("believes a worker's count only when it is two Int32s", () => {
    expect(ringEndsFrom({ trace: 3, output: 2 ** 31 - 1 })).toEqual({ trace: 3, output: 2 ** 31 - 1 });
    for (const bad of [undefined, null, 7, "x", { trace: 1 }, { trace: 1.5, output: 2 }, { trace: 2 ** 31, output: 0 }, { trace: NaN, output: 0 }]) {
      expect(ringEndsFrom(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
