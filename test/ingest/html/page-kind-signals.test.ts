import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/ingest/html/content.ts";
import { extractHtml } from "../../../src/ingest/html/extract.ts";
import {
  classifyPage,
  measureStructure,
  type PageEvidence,
  urlShape,
} from "../../../src/ingest/html/page-kind.ts";

/**
 * The page-kind signals one at a time (src/ingest/html/page-kind.ts), each on a small fixture
 * that the signal decides: the same page at another address, or without the signal's mark, is
 * judged the other way. The aggregate figures on real pages are pinned in corpora-quality.test.ts.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/html/${name}`, import.meta.url), "utf8");
const kindAt = (name: string, url: string) => extractHtml(fixture(name), { url }).pageKind;

describe("urlShape: what a page's address says", () => {
  it("reads documentation, service, shop, tag and forum sections as non-articles", () => {
    expect(urlShape("https://example.com/docs/configure/")).toBe("other");
    expect(urlShape("https://example.com/en-us/services/data-analytics/")).toBe("other");
    expect(urlShape("https://shop.example.com/products/blue-kettle")).toBe("product");
    expect(urlShape("https://example.com/collections/kettles")).toBe("listing");
    expect(urlShape("https://example.com/tag/elections/")).toBe("listing");
    expect(urlShape("https://forum.example.com/threads/which-kettle.123/")).toBe("forum");
    expect(urlShape("https://forum.example.com/viewtopic.php?t=361697")).toBe("forum");
  });

  it("reads a version in the path as versioned documentation, not an identifier that looks like one", () => {
    expect(urlShape("https://widget.readthedocs.io/en/latest/user/advanced/")).toBe("other");
    expect(urlShape("https://example.com/book/en/v2/Getting-Started-About-Version-Control")).toBe("other");
    expect(urlShape("https://example.com/en/5.1/ref/middleware/")).toBe("other");
    expect(urlShape("https://arxiv.org/abs/2512.16245")).toBe("neutral");
  });

  it("reads post sections, headline slugs and dated paths as articles", () => {
    expect(urlShape("https://example.com/blog/kettles")).toBe("article");
    expect(urlShape("https://example.com/what-is-the-best-kettle-for-a-small-kitchen")).toBe("article");
    expect(urlShape("https://example.com/2024/03/22/kettle")).toBe("article");
  });

  it("lets a non-article section win over a headline slug, and a date over both", () => {
    expect(urlShape("https://example.com/docs/how-to-configure-the-server")).toBe("other");
    expect(urlShape("https://example.com/2024/03/22/products/new-kettle-prices-rise-again")).toBe("article");
  });

  it("leaves short slugs neutral and says so when there is no URL", () => {
    expect(urlShape("https://example.com/pet-insurance/")).toBe("neutral");
    expect(urlShape("https://example.com/")).toBe("neutral");
    expect(urlShape(undefined)).toBe("unknown");
    expect(urlShape("not a url")).toBe("unknown");
    expect(urlShape("https://example.com/%E0%A4%A/x")).toBe("neutral");
  });
});

describe("classifyPage: the address against the page's own claims", () => {
  const evidence = (overrides: Partial<PageEvidence>): PageEvidence => ({
    types: [],
    ogType: undefined,
    structure: measureStructure(parseDocument(fixture("documentation-prose.html"))),
    dated: false,
    bylined: false,
    contentProseChars: 1558,
    contentChars: 1600,
    url: undefined,
    ...overrides,
  });

  it("holds a forum thread by its address even though its posts are dated and signed", () => {
    const thread = evidence({ dated: true, bylined: true, url: "https://example.com/threads/kettles.12/" });
    expect(classifyPage(thread)).toBe("forum");
  });

  it("publishes a dated, signed article declared in structured data whatever section it is filed under", () => {
    const news = evidence({
      types: ["NewsArticle"],
      dated: true,
      bylined: true,
      url: "https://example.com/services/council-cuts-bus-services-in-the-north",
    });
    expect(classifyPage(news)).toBe("article");
  });
});

describe("page kind signals on fixtures", () => {
  it("holds documentation by its address (documentation-prose.html): /docs/ is held, the same prose elsewhere is published", () => {
    expect(kindAt("documentation-prose.html", "https://example.com/docs/configure/")).toBe("other");
    expect(kindAt("documentation-prose.html", "https://example.com/widget/configure/")).toBe("article");
  });

  it("holds an undated, unsigned page with code samples as documentation, unless its address is a post's (documentation-code-samples.html)", () => {
    expect(kindAt("documentation-code-samples.html", "https://example.com/widget/configure/")).toBe("other");
    expect(
      kindAt(
        "documentation-code-samples.html",
        "https://example.com/blog/how-we-configure-the-widget-service",
      ),
    ).toBe("article");
  });

  it("publishes an article under heavy menus: link density is measured outside the page furniture (article-under-heavy-menus.html)", () => {
    const structure = measureStructure(parseDocument(fixture("article-under-heavy-menus.html")));
    expect(structure.linkDensity).toBeGreaterThan(0.5);
    expect(structure.mainLinkDensity).toBe(0);
    expect(kindAt("article-under-heavy-menus.html", "https://example.com/oral-health")).toBe("article");
  });

  it("holds a page whose structured data says CollectionPage, whatever its og:type says (collection-page-og-article.html)", () => {
    expect(kindAt("collection-page-og-article.html", "https://example.com/dinner")).toBe("listing");
  });

  it("publishes a post with a comment thread: forum markers do not count when one body holds the prose (article-with-comment-markers.html)", () => {
    const structure = measureStructure(parseDocument(fixture("article-with-comment-markers.html")));
    expect(structure.forumMarkers).toBeGreaterThanOrEqual(3);
    expect(kindAt("article-with-comment-markers.html", "https://example.com/desk-converters")).toBe(
      "article",
    );
  });

  it("publishes a brief at a headline address, and holds the same brief at a short one (brief-headline-url.html)", () => {
    expect(
      kindAt(
        "brief-headline-url.html",
        "https://example.org/whats-difference-between-certificate-and-certification",
      ),
    ).toBe("article");
    expect(kindAt("brief-headline-url.html", "https://example.org/certificates-explained")).toBe("other");
  });

  it("holds a landing page: calls to action among short headed sections (landing-page.html)", () => {
    const structure = measureStructure(parseDocument(fixture("landing-page.html")));
    expect(structure.callsToAction).toBeGreaterThanOrEqual(3);
    expect(structure.headings).toBeGreaterThanOrEqual(6);
    expect(kindAt("landing-page.html", "https://example.com/data-analytics")).toBe("other");
  });

  it("leaves calls to action and account buttons out of a held page's draft (landing-page.html)", () => {
    const held = extractHtml(fixture("landing-page.html"), { url: "https://example.com/data-analytics" });
    expect(held.paragraphs.join("\n")).toContain("Our engineers build the pipelines");
    expect(held.paragraphs.join("\n")).not.toMatch(/Get a quote|Request a demo|Contact us|Learn more/);
  });

  it("gives a held documentation page its whole main text, not the article block alone (documentation-prose.html)", () => {
    const held = extractHtml(fixture("documentation-prose.html"), {
      url: "https://example.com/docs/configure/",
    });
    expect(held.paragraphs).toContain("log_level info");
    const published = extractHtml(fixture("documentation-prose.html"), {
      url: "https://example.com/widget/configure/",
    });
    expect(published.paragraphs).not.toContain("log_level info");
  });
});
