import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_SCRIPTS, browserScripts } from "../../src/site/browser-scripts.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";

describe("the page scripts, bundled from src/browser/ when their sources change", () => {
  it("gives one self-contained classic script per page script, the same bytes every time", async () => {
    const [first, second] = [(await browserScripts()).files, (await browserScripts()).files];
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

  it("hands back the last bundle while none of its sources changed, and bundles again when one did", async () => {
    const last = await browserScripts();
    // Every file it was made of is named, the build's own modules among them.
    expect(Object.keys(last.inputs)).toEqual(
      expect.arrayContaining(["src/browser/search.ts", "src/site/labels.ts"]),
    );
    expect(await browserScripts(last)).toBe(last);
    const edited = { ...last, inputs: { ...last.inputs, "src/site/labels.ts": "a different text" } };
    const again = await browserScripts(edited);
    expect(again).not.toBe(edited);
    expect(again.files).toEqual(last.files);
    expect(again.inputs).toEqual(last.inputs);
  });

  it("carries the site's own labels and URLs, not copies of them", async () => {
    const [search] = (await browserScripts()).files;
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
