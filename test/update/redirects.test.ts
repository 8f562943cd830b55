import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeArticle } from "../../src/ingest/write.ts";
import { nextLedger, redirectsText, updateRedirects } from "../../src/update/redirects.ts";
import { validArticle } from "../helpers/article-fixture.ts";

const A = "/articles/2026/11/22/runoff-date-set-1a2b3c4d/";
const B = "/articles/2026/11/21/runoff-date-set-1a2b3c4d/";
const C = "/articles/2026/11/20/runoff-date-set-1a2b3c4d/";
const id = "runoff-date-set-1a2b3c4d";

describe("redirects for changed article URLs", () => {
  it("a first run records every URL and makes no redirect", () => {
    expect(nextLedger({ urls: {}, redirects: {} }, new Map([[id, A]]))).toEqual({
      urls: { [id]: A },
      redirects: {},
    });
  });

  it("an article whose URL changed redirects from the old one", () => {
    expect(nextLedger({ urls: { [id]: A }, redirects: {} }, new Map([[id, B]]))).toEqual({
      urls: { [id]: B },
      redirects: { [A]: B },
    });
  });

  it("moved twice: both old URLs go straight to the newest (no chain)", () => {
    const once = nextLedger({ urls: { [id]: A }, redirects: {} }, new Map([[id, B]]));
    expect(nextLedger(once, new Map([[id, C]])).redirects).toEqual({ [A]: C, [B]: C });
  });

  it("moved back: the URL that is a page again is not redirected", () => {
    const once = nextLedger({ urls: { [id]: A }, redirects: {} }, new Map([[id, B]]));
    expect(nextLedger(once, new Map([[id, A]])).redirects).toEqual({ [B]: A });
  });

  it("an article removed keeps the redirects that led to it", () => {
    const once = nextLedger({ urls: { [id]: A }, redirects: {} }, new Map([[id, B]]));
    expect(nextLedger(once, new Map())).toEqual({ urls: {}, redirects: { [A]: B } });
  });

  it("writes Netlify's _redirects lines, sorted, permanent", () => {
    expect(
      redirectsText({ urls: {}, redirects: { [B]: C, [A]: C } })
        .split("\n")
        .slice(1),
    ).toEqual([`${B} ${C} 301`, `${A} ${C} 301`, ""]);
  });

  it("follows the articles folder: a corrected date writes the redirect, the same articles write nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "redirects-"));
    const ledger = join(dir, "state", "article-urls.json");
    const articles = join(dir, "articles");
    const article = { ...validArticle(), date: "2024-03-22T10:00:00+00:00" };
    writeArticle(article, articles, { dryRun: false });
    expect(updateRedirects(ledger, articles)).toEqual([]);
    const before = readFileSync(ledger, "utf8");
    expect(updateRedirects(ledger, articles)).toEqual([]);
    expect(readFileSync(ledger, "utf8")).toBe(before);
    writeArticle({ ...article, date: "2024-03-21T10:00:00+00:00" }, articles, { dryRun: false });
    const from = `/articles/2024/03/22/${article.id}/`;
    const to = `/articles/2024/03/21/${article.id}/`;
    expect(updateRedirects(ledger, articles)).toEqual([[from, to]]);
    expect(readFileSync(join(dir, "state", "redirects"), "utf8")).toContain(`${from} ${to} 301\n`);
  });
});
