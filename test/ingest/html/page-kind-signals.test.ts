import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/ingest/html/content.ts";
import { extractHtml } from "../../../src/ingest/html/extract.ts";
import {
  classifiedAddress,
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

  it("reads the steps of a manual, an organisation's own pages, shop categories and aggregator threads by their sections", () => {
    expect(urlShape("https://example.com/en/get-started/overview")).toBe("other");
    expect(urlShape("https://example.com/compose/how-tos/networking/")).toBe("other");
    expect(urlShape("https://example.com/book/ch04-01-what-is-ownership.html")).toBe("other");
    expect(urlShape("https://example.gov/department/workforce-development")).toBe("other");
    expect(urlShape("https://example.com/us/en/what-we-do/capabilities/data-platform.html")).toBe("other");
    expect(urlShape("https://example.com/c/furniture/living-room/")).toBe("listing");
    expect(urlShape("https://example.org/sections/science/")).toBe("listing");
    expect(urlShape("https://example.com/r/science/comments/1rku5x9/hair_follicles_grown_in_the_lab/")).toBe(
      "forum",
    );
    expect(urlShape("https://example.com/community/index.php?topic=589061.0")).toBe("forum");
    expect(urlShape("https://example.com/read.php?id=12&t=1700000000")).toBe("neutral");
    expect(urlShape("https://example.com/product/osprey-atmos-65-backpack-rental/")).toBe("product");
    expect(urlShape("https://example.com/retirement/personal-retirement-calculator")).toBe("other");
  });

  it("reads the last segment of a post section as that section's index", () => {
    expect(urlShape("https://example.edu/news")).toBe("listing");
    expect(urlShape("https://example.dev/blog/")).toBe("listing");
    expect(urlShape("https://example.org/about/in-the-news/")).toBe("listing");
    expect(urlShape("https://example.org/the-good-news")).toBe("neutral");
    expect(urlShape("https://example.com/blog/kettles")).toBe("article");
  });

  it("reads documentation, forum and shop hosts, unless a post section or a date says otherwise", () => {
    expect(urlShape("https://docs.example.com/compose/networking/")).toBe("other");
    expect(urlShape("https://developer.example.com/terraform/language/resources")).toBe("other");
    expect(urlShape("https://docs-internal.example.com/en/actions/write-workflows")).toBe("other");
    expect(urlShape("https://community.example.com/thread-222085.html")).toBe("forum");
    expect(urlShape("https://shop.example.com/luggage-carry-on-luggage/")).toBe("product");
    expect(urlShape("https://learn.example.edu/insights/benefits-of-ai-for-patients-and-clinicians")).toBe(
      "article",
    );
    expect(urlShape("https://developers.example.org/story/25/12/19/236259/grads-find-fewer-jobs")).toBe(
      "article",
    );
    expect(urlShape("https://shop.example.com/blogs/electronics/best-cheap-laptops-for-college")).toBe(
      "article",
    );
    // The site's own name is not a label of its host: docs.com is a site, not a documentation host.
    expect(urlShape("https://docs.com/how-we-write-our-weekly-newsletter")).toBe("article");
  });

  it("reads a host without a dot as no address at all", () => {
    expect(urlShape("https://jans-woodworking-projects-blog/")).toBe("unknown");
    expect(urlShape("http://localhost/docs/")).toBe("other");
  });

  it("leaves short slugs neutral and says so when there is no URL", () => {
    expect(urlShape("https://example.com/pet-insurance/")).toBe("neutral");
    expect(urlShape("https://example.com/")).toBe("neutral");
    expect(urlShape(undefined)).toBe("unknown");
    expect(urlShape("not a url")).toBe("unknown");
    expect(urlShape("https://example.com/%E0%A4%A/x")).toBe("neutral");
  });
});

describe("classifiedAddress: which address a page is judged by", () => {
  it("takes the canonical URL, unless it names the front page of a page read from a deeper address", () => {
    const story = "https://example.com/news/council-agrees-the-budget";
    expect(classifiedAddress("https://example.com/", story)).toBe(story);
    expect(classifiedAddress("https://example.com/index.html", story)).toBe(story);
    expect(classifiedAddress(story, "https://example.com/")).toBe(story);
    expect(classifiedAddress("https://example.com/", "https://example.com/?utm_source=feed")).toBe(
      "https://example.com/",
    );
    expect(classifiedAddress("https://example.com/", undefined)).toBe("https://example.com/");
    expect(classifiedAddress(undefined, story)).toBe(story);
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

  it("does not let a TechArticle overrule a documentation address: documentation declares it on every page", () => {
    const docs = { dated: true, bylined: true, url: "https://developer.example.com/terraform/resources" };
    expect(classifyPage(evidence({ ...docs, types: ["TechArticle"] }))).toBe("other");
    expect(classifyPage(evidence({ ...docs, types: ["BlogPosting"] }))).toBe("article");
  });

  it("publishes a declared roundup review that names several products, and holds a product page", () => {
    const review = {
      ogType: "article",
      dated: true,
      bylined: true,
      contentProseChars: 812,
      url: "https://example.com/dishwashers/features/best-dishwashers-of-the-year",
    };
    expect(
      classifyPage(evidence({ ...review, types: ["NewsArticle", "Product", "Product", "Product"] })),
    ).toBe("article");
    expect(classifyPage(evidence({ ...review, types: ["NewsArticle", "Product", "Offer"] }))).toBe("product");
  });

  it("holds a page that declares a Service, unless it also declares an article", () => {
    const page = { url: "https://example.com/ai-development-company" };
    expect(classifyPage(evidence({ ...page, types: ["WebPage", "Service"] }))).toBe("other");
    expect(classifyPage(evidence({ ...page, types: ["BlogPosting", "Service"] }))).toBe("article");
  });

  it("holds a declared article with less than a brief's worth of prose: it has nothing to publish", () => {
    const base = evidence({});
    const bare = evidence({
      ogType: "article",
      dated: true,
      structure: { ...base.structure, proseChars: 141, proseParagraphs: 1, largestProseBlock: 141 },
      contentProseChars: 141,
      contentChars: 600,
      url: "https://example.org/trails/",
    });
    expect(classifyPage(bare)).toBe("other");
    expect(classifyPage({ ...bare, contentProseChars: 450 })).toBe("article");
  });

  it("holds a page that makes no article claim and whose own text is mostly links, however much prose its teasers add up to", () => {
    const base = evidence({});
    const teasers = evidence({
      structure: { ...base.structure, mainLinkDensity: 0.6, proseChars: 6000, largestProseBlock: 500 },
      contentProseChars: 5600,
      url: "https://example.edu/certificate-programs",
    });
    expect(classifyPage(teasers)).toBe("listing");
    // The same page with a post's address or a byline and a date is an article among many links.
    expect(classifyPage({ ...teasers, url: "https://example.edu/blog/certificate-programs" })).toBe(
      "article",
    );
    expect(classifyPage({ ...teasers, dated: true, bylined: true })).toBe("article");
  });

  it("holds a page whose og:type is a book (a book's page or chapter)", () => {
    expect(classifyPage(evidence({ url: "https://example.com/plan-and-audience" }))).toBe("article");
    expect(classifyPage(evidence({ ogType: "book", url: "https://example.com/plan-and-audience" }))).toBe(
      "other",
    );
  });

  it("does not take a host without a dot for a site's front page", () => {
    const post = { dated: true, bylined: true };
    expect(classifyPage(evidence({ ...post, url: "https://example.com/" }))).toBe("listing");
    expect(classifyPage(evidence({ ...post, url: "https://jans-woodworking-projects-blog/" }))).toBe(
      "article",
    );
  });

  it("publishes a declared article whose prose the extraction found in <div>s, among many cards", () => {
    const base = evidence({});
    const cards = evidence({
      types: ["Article"],
      structure: {
        ...base.structure,
        proseChars: 0,
        proseParagraphs: 0,
        largestProseBlock: 0,
        repeatedItems: 21,
      },
      contentProseChars: 861,
      contentChars: 1083,
      url: "https://example.dev/learn",
    });
    expect(classifyPage(cards)).toBe("article");
    expect(classifyPage({ ...cards, types: [] })).toBe("listing");
  });

  it("does not hold a signed post whose prose is one body as a landing page, however many buttons and headings frame it", () => {
    const base = evidence({});
    const framed = evidence({
      ogType: "article",
      structure: {
        ...base.structure,
        callsToAction: 3,
        headings: 40,
        proseChars: 7494,
        largestProseBlock: 6837,
      },
      contentProseChars: 6943,
      contentChars: 7020,
      url: "https://example.com/someone/5e2cdc32849405fff6b46957747a2d28",
    });
    expect(classifyPage({ ...framed, bylined: true })).toBe("article");
    expect(classifyPage(framed)).toBe("other");
  });

  it("holds a site's front page as a listing even when its template declares an article (its latest post)", () => {
    const post = { types: ["BlogPosting"], ogType: "article", dated: true, bylined: true };
    expect(classifyPage(evidence({ ...post, url: "https://blog.example.com/" }))).toBe("listing");
    expect(classifyPage(evidence({ ...post, url: "https://blog.example.com/2025/12/kettle-prices" }))).toBe(
      "article",
    );
  });

  it("holds a page whose own text is mostly links in many cards, teasers apart, whatever it declares", () => {
    const base = evidence({});
    const links = evidence({
      types: ["Article"],
      ogType: "article",
      structure: {
        ...base.structure,
        mainLinkDensity: 0.7,
        repeatedItems: 40,
        proseChars: 900,
        proseParagraphs: 4,
        largestProseBlock: 400,
      },
      contentProseChars: 900,
      url: "https://example.org/wiki/Laureates",
    });
    expect(classifyPage(links)).toBe("listing");
    // A dated, signed story under a wall of links, and a post whose prose is one body above an
    // archive of links, are articles.
    expect(classifyPage({ ...links, types: ["NewsArticle"], dated: true, bylined: true })).toBe("article");
    expect(classifyPage({ ...links, structure: { ...links.structure, largestProseBlock: 900 } })).toBe(
      "article",
    );
  });

  it("publishes an undeclared article whose prose is one body, however dense its paragraphs are with links", () => {
    const base = evidence({});
    const linked = evidence({
      structure: {
        ...base.structure,
        mainLinkDensity: 0.49,
        repeatedItems: 6,
        proseChars: 1537,
        proseParagraphs: 6,
        largestProseBlock: 1247,
      },
      contentProseChars: 2749,
      url: "https://example.edu/garden-guidance/weekly/",
    });
    expect(classifyPage(linked)).toBe("article");
    // The same prose split into boxes is a list of links with teasers.
    expect(classifyPage({ ...linked, structure: { ...linked.structure, largestProseBlock: 500 } })).toBe(
      "listing",
    );
  });

  it("publishes short paragraphs in boxes of their own at a headline's address, not in a section's", () => {
    const base = evidence({});
    const boxed = evidence({
      ogType: "page",
      structure: {
        ...base.structure,
        mainLinkDensity: 0.02,
        repeatedItems: 6,
        proseChars: 963,
        proseParagraphs: 5,
        largestProseBlock: 297,
      },
      contentProseChars: 594,
      url: "https://example.gov/about/what-legal-aid/i-need-legal-help",
    });
    expect(classifyPage(boxed)).toBe("article");
    expect(classifyPage({ ...boxed, url: "https://example.gov/about/legal-help" })).toBe("listing");
    expect(classifyPage({ ...boxed, url: "https://example.com/news/page?id=1" })).toBe("listing");
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

  it("judges a page whose canonical URL names the site's front page by the address it was read from (article-under-heavy-menus.html)", () => {
    const html = fixture("article-under-heavy-menus.html").replace(
      "</head>",
      '<link rel="canonical" href="https://example.com/"></head>',
    );
    expect(extractHtml(html, { url: "https://example.com/news/flood-defences-hold" }).pageKind).toBe(
      "article",
    );
    expect(extractHtml(html, { url: "https://example.com/" }).pageKind).toBe("listing");
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

  it("holds a page with a sort control as a listing, unless its address is a post's (category-sort-control.html)", () => {
    const page = fixture("category-sort-control.html");
    expect(measureStructure(parseDocument(page)).sortControls).toBe(1);
    expect(kindAt("category-sort-control.html", "https://example.com/outdoor-kettles")).toBe("listing");
    expect(kindAt("category-sort-control.html", "https://example.com/2024/05/outdoor-kettles")).toBe(
      "article",
    );
    const unsorted = page.replace(">Sort by<", ">Order<");
    expect(extractHtml(unsorted, { url: "https://example.com/outdoor-kettles" }).pageKind).toBe("article");
    // Structured data that declares an article outweighs the control (sortable comments under a post).
    const declared = page.replace(
      "</title>",
      '</title><script type="application/ld+json">{"@type":"BlogPosting","headline":"Outdoor kettles"}</script>',
    );
    expect(extractHtml(declared, { url: "https://example.com/outdoor-kettles" }).pageKind).toBe("article");
  });

  it("holds a page with add-to-cart controls as a product, read from their ids and names (product-cart-controls.html)", () => {
    const page = fixture("product-cart-controls.html");
    expect(measureStructure(parseDocument(page)).cartControls).toBeGreaterThanOrEqual(2);
    expect(kindAt("product-cart-controls.html", "https://example.com/trail-kettle")).toBe("product");
    const unnamed = page.replace(/ id="[^"]*"| name="add-to-cart"/g, "");
    expect(extractHtml(unnamed, { url: "https://example.com/trail-kettle" }).pageKind).toBe("article");
  });

  it("holds a thread of many posts as a forum even though it declares an article (forum-thread-declared-article.html)", () => {
    const page = fixture("forum-thread-declared-article.html");
    const url = "https://example.com/gear/blackened-kettle-after-a-season";
    expect(measureStructure(parseDocument(page)).forumMarkers).toBe(10);
    expect(kindAt("forum-thread-declared-article.html", url)).toBe("forum");
    expect(extractHtml(page.replaceAll("post-author", "post-meta"), { url }).pageKind).toBe("article");
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
