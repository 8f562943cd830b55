import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readHtmlFile } from "../../../scripts/eval/corpora.ts";
import { extractHtml } from "../../../src/ingest/html/extract.ts";
import { realTitle } from "../../../src/ingest/html/metadata.ts";
import { describeWithShared, sharedPath } from "../../helpers/shared.ts";

/**
 * Extraction leftovers (issue 13): labels, notices and markup that must never become an article's
 * body, title or first paragraph (which the summary is made from). Real pages where the corpora
 * have them; fixtures with the same markup where they do not (no Reuters page of the CSS-module
 * years, no Spiegel or Süddeutsche page is among them).
 */

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/html/${name}`, import.meta.url), "utf8");
const body = (paragraphs: string[]) => paragraphs.join("\n");

/** A story paragraph that starts with `lead`. */
const p = (lead: string) =>
  `<p>${lead} The council met on Tuesday to discuss the budget for next year and agreed on most items after a long debate.</p>`;

/** The first `words` words of each body paragraph of an article made of `parts` (HTML). */
const leadsOf = (parts: string[], words = 2) =>
  extractHtml(`<html><body><article>${parts.join("")}</article></body></html>`, {
    url: "https://news.example.com/a",
  }).paragraphs.map((text) => text.split(" ").slice(0, words).join(" "));

describe("leftovers in fixtures of layouts the corpora lack", () => {
  it("a CSS-module wire layout: no lone 'By', related-coverage box, slideshow counter, class names or CSS", () => {
    const out = extractHtml(fixture("leftovers-css-module-layout.html"), {
      url: "https://wire.example.com/article/oil-falls-idUSKBN1XT00W",
    });
    expect(out.paragraphs[0]).toMatch(/^NEW YORK \(Example Wire\) - Oil prices fell/);
    expect(out.paragraphs).not.toContain("By");
    const text = body(out.paragraphs);
    for (const leftover of [
      "Related Coverage",
      "Factbox",
      "Slideshow",
      "15 images",
      "RelatedCoverage_container",
      "css-1dbjc4n",
      "Feedback",
    ])
      expect(text).not.toContain(leftover);
    expect(text).toContain("Reporting by Rodrigo Campos");
    expect(out.pageKind).toBe("article");
  });

  it("a CMS id as JSON-LD name and og:title gives way to the headline; a 'Feedback' label is not the first paragraph", () => {
    const out = extractHtml(fixture("leftovers-id-title.html"), {
      url: "https://example.de/politik/d-161500790",
    });
    expect(out.title?.value).toBe("Bundestag beschließt neues Wehrdienstgesetz");
    expect(out.paragraphs[0]).toMatch(/^Der Bundestag hat am Freitag/);
    expect(out.paragraphs).not.toContain("Feedback");
  });

  it("a page whose only text is an outdated-browser warning and a cookie banner has no body and is no article", () => {
    const out = extractHtml(fixture("leftovers-browser-notice.html"));
    expect(out.paragraphs).toEqual([]);
    expect(out.pageKind).not.toBe("article");
    expect(out.warnings.join("\n")).toMatch(/cookie or browser notice/);
  });

  it("a 'Related Coverage' heading goes with the list of links under it, and the text after both stays", () => {
    const html = `<html><body><article>${p("One.")}${p("Two.")}<h3>Related Coverage</h3><ul><li><a href="/a">Factbox: what the deal covers</a></li><li><a href="/b">Shares slip</a></li></ul>${p("Three.")}${p("Four.")}</article></body></html>`;
    const out = extractHtml(html, { url: "https://wire.example.com/a" });
    expect(out.paragraphs.map((text) => text.split(" ")[0])).toEqual(["One.", "Two.", "Three.", "Four."]);
  });

  it("calls to join, comment or read on are cut when they are a whole label, kept inside a sentence", () => {
    const labels = [
      "<h3>Join our newsletter</h3>",
      "<p>Be the first to comment</p>",
      "<h2>What do you think?</h2>",
      "<h4>You might also like</h4>",
      "<p>Leave a Reply</p>",
      "<p>Share your story!</p>",
      "<p>Sponsor this newsletter</p>",
      "<p>Ready for more?</p>",
    ];
    expect(
      leadsOf([p("One."), p("What do you think the council will decide?"), ...labels, p("Three.")]),
    ).toEqual(["One. The", "What do", "Three. The"]);
  });

  it("byline lines, pointers to more posts, disclosures and newsletter calls are cut; the same words in the story stay", () => {
    const cut = [
      "<p>Written by Jane Doe</p>",
      "<p>Posted by David at December 16, 2025</p>",
      "<h3>You might also like...</h3>",
      "<h3>Other Posts You May Enjoy</h3>",
      "<p>Pin this for later!</p>",
      "<p>We may earn commission from links on this page, but we only recommend products we back.</p>",
      "<p><em>Disclosure: As an Affiliate Marketer, I earn from qualifying purchases.</em></p>",
      "<p>Products are chosen independently by our editors.</p>",
      "<p>Want more from City News? Sign up for our newsletter, The Morning, and read smarter.</p>",
    ];
    const kept = [
      p("Written by hand, the letter reached the mayor on Monday."),
      p("I use this soap at home (both are affiliate links), and the council bought the same one."),
      p("Readers who sign up for the library's newsletter will hear about the new opening hours first."),
    ];
    expect(leadsOf([p("One."), ...cut, ...kept, p("Three.")])).toEqual([
      "One. The",
      "Written by",
      "I use",
      "Readers who",
      "Three. The",
    ]);
  });

  it("a pointer to another story, a row of links and a copyright line are cut; a sentence with links stays", () => {
    const cut = [
      `<p>Related: <a href="/b">What the new budget means for schools</a></p>`,
      `<div><a href="/privacy">Privacy Policy</a> <a href="/cookies">Cookie Notice</a> <a href="/terms">Terms of Use</a> <a href="/dns">Do Not Sell My Personal Information</a></div>`,
      "<p>© 2004-2025 City News Ltd. All rights reserved.</p>",
      "<p>Article continues below</p>",
    ];
    const kept = p(
      `Two. The <a href="/m">mayor</a>, the <a href="/t">treasurer</a>, the <a href="/c">clerk</a> and the <a href="/a">auditor</a> spoke.`,
    );
    expect(leadsOf([p("One."), ...cut, kept, p("Three.")], 1)).toEqual(["One.", "Two.", "Three."]);
  });

  it("code keeps every token, whatever its highlighter's class names ('hljs-comment', 'token comment')", () => {
    const prose = (lead: string) =>
      `<p>${lead} The parser reads the file once and keeps the tokens it needs for the next stage of the build.</p>`;
    const code = `<pre><code class="language-js"><span class="hljs-comment">// never mutate state in place</span>
<span class="token comment">/* share the copy */</span>
const next = { ...state, done: true };</code></pre>`;
    const html = `<html><body><article>${prose("One.")}${code}${prose("Two.")}${prose("Three.")}</article></body></html>`;
    const out = extractHtml(html, { url: "https://blog.example.com/posts/state" });
    expect(body(out.paragraphs)).toContain("// never mutate state in place");
    expect(body(out.paragraphs)).toContain("/* share the copy */");
  });

  it("realTitle refuses identifiers, keeps words (one-word titles and numbers in titles too)", () => {
    for (const id of ["d-161500790", "article_12345678", "5f3a9c0e12ab44", "id-42"])
      expect(realTitle(id)).toBeUndefined();
    for (const title of ["Brexit", "COVID-19", "2024", "F-35 crash: what we know", "Top 10 of 2024"])
      expect(realTitle(title)).toBe(title);
  });
});

const wcxb = (id: string) => sharedPath("corpora", "wcxb-dev", "html", `${id}.html.gz`);
const aeb = (sha: string) => sharedPath("corpora", "aeb", "html", `${sha}.html.gz`);
const COOKIE = /we use cookies|this website uses cookies/i;

/** Each page keeps its text (more than five paragraphs) without the label given for it. */
function expectCut(cases: readonly (readonly [id: string, label: string])[]): void {
  for (const [id, label] of cases) {
    const out = extractHtml(readHtmlFile(wcxb(id)));
    expect(out.paragraphs.length, id).toBeGreaterThan(5);
    expect(body(out.paragraphs), id).not.toContain(label);
  }
}

describeWithShared("leftovers on real pages (WCXB dev, AEB)", ["corpora", "wcxb-dev", "html"], () => {
  it("a cookie banner is not the whole body (WCXB 3039, a product page; 0543, a forum thread)", () => {
    for (const id of ["3039", "0543"]) {
      const out = extractHtml(readHtmlFile(wcxb(id)));
      expect(body(out.paragraphs), id).not.toMatch(COOKIE);
    }
  });

  it("calls to comment, read on or sponsor and forum menu labels are cut (WCXB 0464, 2414, 2453, 2826, 0541)", () => {
    expectCut([
      ["0464", "Be the first to comment"],
      ["0464", "What do you think?"],
      ["2414", "Ready for more?"],
      ["2453", "Sponsor this newsletter"],
      // A thread's post menu and a forum's welcome box.
      ["2826", "Improve this question"],
      ["0541", "You are not logged in"],
    ]);
  });

  it("byline lines, pointers to more posts, disclosures and newsletter calls are cut (WCXB 0452, 4416, 4589, 4659, 4662, 0004, 1821, 4159, 4472)", () => {
    expectCut([
      ["0452", "Posted by David at December 16, 2025"],
      ["4416", "Written by Paulinho Giovannini"],
      ["4589", "You might also like..."],
      ["4659", "Other Posts You May Enjoy"],
      ["4662", "PIN FOR LATER"],
      ["0004", "We may earn commission from links on this page"],
      ["1821", "We earn a commission for products purchased through some links in this article."],
      ["4159", "As an Affiliate Marketer, I earn from qualifying purchases."],
      ["4472", "Sign up for our newsletter"],
    ]);
  });

  it("pointers, rows of legal links and copyright lines are cut from bodies (WCXB 4155, 0285, 4117)", () => {
    expectCut([
      ["4155", "Related: What is the Crypto Travel Rule?"],
      ["0285", "Cookie Notice"],
      ["4117", "© Copyright 2004-2025"],
    ]);
  });

  it("a menu of short links on a held page is cut, its cards kept (WCXB 2920, a shop's listing)", () => {
    const out = extractHtml(readHtmlFile(wcxb("2920")));
    expect(out.pageKind).not.toBe("article");
    expect(body(out.paragraphs)).not.toContain("Sell on Amazon");
    expect(body(out.paragraphs)).not.toContain("Amazon Newsletter");
    expect(body(out.paragraphs)).toContain("Apple AirTag (1st Generation) - 4 Pack");
    expect(body(out.paragraphs)).toContain("Beats Solo 4 - Wireless On-Ear Bluetooth Headphones");
  });

  it("a held page loses what lies above its title and keeps its cards' headers and accordions' questions (WCXB 0635, 0523, 4632, 2953, 3022)", () => {
    // Above the title: a shop's menu of departments, a forum's parent boards.
    expectCut([
      ["0635", "NEW ARRIVALS"],
      ["0523", "Tottenham Hotspur"],
    ]);
    const kept = [
      ["4632", "Sticky Air Fryer Salmon Bites"], // a recipe card's title in its <header>
      ["2953", "How much do sleeping bags cost?"], // questions set in buttons inside headings
      ["3022", "Is the Magnetic Project Mat heat resistant for soldering?"],
    ] as const;
    for (const [id, text] of kept) {
      const out = extractHtml(readHtmlFile(wcxb(id)));
      expect(out.pageKind, id).not.toBe("article");
      expect(body(out.paragraphs), id).toContain(text);
    }
  });

  it("a cookie banner after an article's text is cut (WCXB 0107, 0329)", () => {
    for (const id of ["0107", "0329"]) {
      const out = extractHtml(readHtmlFile(wcxb(id)));
      expect(body(out.paragraphs), id).not.toMatch(COOKIE);
      expect(out.paragraphs.length, id).toBeGreaterThan(0);
    }
  });

  it("the Reuters page of AEB keeps its story and none of its page furniture", () => {
    const out = extractHtml(
      readHtmlFile(aeb("57d46c9d751e3fd3ffaf3ede7ac20cebd30eacb5ea78e1a6aa0a72059244e7ca")),
    );
    expect(out.paragraphs[0]).toMatch(/^NEW YORK \(Reuters\) - Oil prices fell sharply/);
    const text = body(out.paragraphs);
    for (const leftover of ["Related Coverage", "Slideshow", "More From Reuters", "_container"])
      expect(text).not.toContain(leftover);
    expect(out.paragraphs).not.toContain("By");
  });
});
