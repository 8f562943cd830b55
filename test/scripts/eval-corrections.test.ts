import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { corporaRoot, readabilityCorrections } from "../../scripts/eval/corpora.ts";
import { describeWithShared } from "../helpers/shared.ts";

/**
 * test/fixtures/readability-reference-corrections.yaml may only correct what the corpus shows: each
 * entry's reference value must still be the corpus's, and its evidence (and corrected value) must be
 * on the page. A correction that goes stale or is made up fails here.
 */

const squash = (text: string) => text.replace(/\s+/g, " ");
const corrections = readabilityCorrections();

describeWithShared("Readability reference corrections", ["corpora", "readability", "test-pages"], () => {
  it("are few, one per page and field, each with a reason", () => {
    expect(corrections.length).toBeGreaterThan(0);
    expect(corrections.length).toBeLessThanOrEqual(6);
    const keys = corrections.map((c) => `${c.page} ${c.field}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of corrections) {
      expect(c.field).toBe("byline");
      expect(c.why.length, c.page).toBeGreaterThan(20);
      expect(c.evidence.length, c.page).toBeGreaterThan(0);
    }
  });

  it.each(corrections.map((c) => [c.page, c]))(
    "%s: the reference is the corpus's and the page shows the correction",
    (_, c) => {
      const dir = join(corporaRoot, "readability", "test-pages", c.page);
      const expected = JSON.parse(readFileSync(join(dir, "expected-metadata.json"), "utf8")) as Record<
        string,
        unknown
      >;
      expect(expected[c.field]).toBe(c.reference);
      const source = squash(readFileSync(join(dir, "source.html"), "utf8"));
      for (const quote of c.evidence)
        expect(source, `${c.page}: evidence not on the page`).toContain(squash(quote));
      if (c.corrected !== null) expect(c.evidence.join(" ")).toContain(c.corrected);
    },
  );
});
