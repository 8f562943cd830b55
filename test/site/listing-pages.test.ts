import { describe, expect, it } from "vitest";
import { type ListingSlice, listingSlices } from "../../src/site/listing-pages.ts";

/** Items 1…n, newest (n) first. */
const newestFirst = (n: number) => Array.from({ length: n }, (_, i) => n - i);
const numbered = (slices: ListingSlice<number>[]) => new Map(slices.map((s) => [s.number, s.items]));

describe("listingSlices: pages that stay put as a list grows", () => {
  it("keeps a short list on its front page", () => {
    expect(listingSlices([], 3)).toEqual([{ number: 0, items: [], newer: undefined, older: undefined }]);
    expect(listingSlices(newestFirst(5), 3)).toEqual([
      { number: 0, items: [5, 4, 3, 2, 1], newer: undefined, older: undefined },
    ]);
  });

  it("numbers pages from the oldest and shows the rest, newest first, on the front page", () => {
    expect(listingSlices(newestFirst(8), 3)).toEqual([
      { number: 0, items: [8, 7, 6, 5, 4], newer: undefined, older: 1 },
      { number: 1, items: [3, 2, 1], newer: 0, older: undefined },
    ]);
    expect(listingSlices(newestFirst(10), 3)).toEqual([
      { number: 0, items: [10, 9, 8, 7], newer: undefined, older: 2 },
      { number: 2, items: [6, 5, 4], newer: 0, older: 1 },
      { number: 1, items: [3, 2, 1], newer: 2, older: undefined },
    ]);
  });

  it("puts every item on exactly one page, and the front page holds size to 2 × size − 1", () => {
    for (let n = 0; n <= 40; n++) {
      const slices = listingSlices(newestFirst(n), 4);
      expect(slices.flatMap((s) => s.items)).toEqual(newestFirst(n));
      const front = slices[0]?.items.length ?? 0;
      if (n >= 4) expect(front).toBeGreaterThanOrEqual(4);
      expect(front).toBeLessThanOrEqual(Math.max(7, n < 8 ? n : 7));
    }
  });

  it("changes only the front page when an item arrives, and two more pages when a page fills", () => {
    for (let n = 8; n <= 40; n++) {
      const before = numbered(listingSlices(newestFirst(n), 4));
      const after = numbered(listingSlices(newestFirst(n + 1), 4));
      const changed = [...after.keys()].filter(
        (page) => JSON.stringify(after.get(page)) !== JSON.stringify(before.get(page)),
      );
      const filled = (n + 1) % 4 === 0;
      expect(changed.filter((p) => p !== 0)).toHaveLength(filled ? 1 : 0);
      expect(changed).toContain(0);
    }
  });

  it("refuses a page size that is not a positive integer", () => {
    expect(() => listingSlices([1], 0)).toThrow(/positive integer/);
  });
});
