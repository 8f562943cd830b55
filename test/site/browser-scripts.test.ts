import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_SCRIPTS, browserScripts } from "../../src/site/browser-scripts.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";

describe("the page scripts, bundled from src/browser/ at each build", () => {
  it("gives one self-contained classic script per page script, the same bytes every time", async () => {
    const [first, second] = [await browserScripts(), await browserScripts()];
    expect(first.map((s) => s.path)).toEqual(Object.keys(BROWSER_SCRIPTS));
    expect(first).toEqual(second);
    for (const { path, bytes } of first) {
      const code = bytes.toString("utf8");
      // An IIFE: no module syntax, no loader, nothing left to resolve in the browser.
      expect(code, path).toMatch(/^("use strict";)?\(\(\)=>\{/);
      expect(code, path).not.toMatch(/\bimport\s*[({"'*]|\brequire\(|\bexport\s|node:/);
      // Small enough not to weigh on a first search (issue 11: ≤ 150 KB before the first results).
      expect(bytes.length, path).toBeLessThan(20_000);
    }
  });

  it("carries the site's own labels and URLs, not copies of them", async () => {
    const [search] = await browserScripts();
    const code = search?.bytes.toString("utf8") ?? "";
    expect(code).toContain("/search/aliases.json");
    expect(code).toContain("/pagefind/parts.json");
    // Dates as src/site/labels.ts writes them, month names and all.
    expect(code).toContain('"September"');
    // The sources it is made of import these owners.
    const entry = readFileSync(join(PROJECT_ROOT, "src/browser/search-results.ts"), "utf8");
    expect(entry).toMatch(/from "\.\.\/site\/labels\.ts"/);
  });
});
