import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractHtml } from "../../../src/ingest/html/extract.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/html/${name}`, import.meta.url), "utf8");
const PAGE_URL = "https://example.com/news/page?id=1";

describe("extractHtml: markdown is safe and clean (markdown-safety.html)", () => {
  const out = extractHtml(fixture("markdown-safety.html"), { url: PAGE_URL });

  it("keeps headings, lists, quotes, emphasis and absolute links", () => {
    expect(out.markdown).toContain("## What happens next");
    expect(out.markdown).toContain("- First, the **review** by the regional council.\n- Then a vote");
    expect(out.markdown).toContain("> We will not stop until every family is safe");
    expect(out.markdown).toContain("*nothing*");
    expect(out.markdown).toContain("[statement](https://example.com/docs/statement.pdf)");
    expect(out.markdown).toContain("[April](https://example.org/vote)");
    expect(out.markdown).toContain("[the desk](mailto:desk@example.com)");
  });

  it("turns javascript: and ftp: links into their text, and drops images", () => {
    expect(out.markdown).not.toMatch(/javascript:|ftp:|!\[|<img|onerror=/i);
    expect(out.markdown).toContain("a second link went nowhere");
    expect(out.markdown).toContain("or fetch this.");
  });

  it("escapes text that would otherwise become markup, raw HTML or template syntax", () => {
    expect(out.markdown).toContain("5 \\* 3 = 15");
    expect(out.markdown).toContain("\\<script\\>alert(1)\\</script\\>");
    expect(out.markdown).toContain("a\\_snake\\_case\\_word");
    expect(out.markdown).toContain("\\{\\{ 7 \\| times: 6 \\}\\}");
    expect(out.markdown).toMatch(/^1\\\. This line starts/m);
    expect(out.markdown).toMatch(/^\\- A dash at the start\. \\# Not a heading\. \\> Not a quote\./m);
    expect(out.markdown).not.toMatch(/(^|[^\\])<[a-z/]/im);
  });

  it("keeps the plain text unescaped in paragraphs", () => {
    expect(out.paragraphs).toContain("What happens next");
    expect(out.paragraphs.some((p) => p.includes("5 * 3 = 15 and that nothing had changed"))).toBe(true);
  });

  it("leaves out navigation, footer and the title heading", () => {
    expect(out.markdown).not.toContain("Home");
    expect(out.markdown).not.toContain("All rights reserved");
    expect(out.markdown).not.toMatch(/^# Officials/m);
  });

  it("reads the lead figure's caption and credit, the cleaned title and the canonical URL", () => {
    expect(out.imageCaption).toBe("Firefighters in Kharkiv on Friday");
    expect(out.imageCredit).toBe("Ivan Petrov / Reuters");
    expect(out.title).toEqual({ value: "Officials *deny* [claims]", origin: "page" });
    expect(out.siteName).toEqual({ value: "The Example Times", origin: "opengraph" });
    expect(out.canonicalUrl).toEqual({ value: "https://example.com/news/officials-deny", origin: "page" });
    expect(out.language).toEqual({ value: "en", origin: "page" });
    expect(out.pageKind).toBe("article");
    expect(out.extractor).toBe("readability");
  });
});

describe("extractHtml: metadata", () => {
  it("reads JSON-LD inside @graph, refuses an impossible date with a warning (json-ld-graph-invalid-date.html)", () => {
    const out = extractHtml(fixture("json-ld-graph-invalid-date.html"), { url: PAGE_URL });
    expect(out.title).toEqual({ value: "Мобилизация в Харькове", origin: "json-ld" });
    expect(out.byline).toEqual({ value: "Анна Иванова, Пётр Сидоров", origin: "json-ld" });
    expect(out.published).toBeUndefined();
    expect(out.warnings.join("\n")).toContain('"2026-02-30T10:00:00+03:00" (json-ld) is not a valid date');
    expect(out.modified).toEqual({ value: "2026-03-02T08:15:00+03:00", origin: "json-ld" });
    expect(out.siteName?.value).toBe("Новости");
    expect(out.language?.value).toBe("ru");
    expect(out.canonicalUrl).toEqual({ value: PAGE_URL, origin: "url" });
    expect(out.paragraphs[0]).toMatch(/^Власти Харьковской области/);
  });

  it("accepts a byline in Chinese, and counts CJK text as an article (cjk-meta-author.html)", () => {
    // Bug: `\W` is ASCII-only in JavaScript, so "肖春芳" was refused as "only punctuation";
    // and 160 CJK characters fell under the 250-character content threshold.
    const out = extractHtml(fixture("cjk-meta-author.html"), { url: PAGE_URL });
    expect(out.byline).toEqual({ value: "肖春芳", origin: "meta" });
    expect(out.published).toEqual({ value: "2017-03-10T00:00:00+00:00", origin: "meta" });
    expect(out.extractor).toBe("readability");
    expect(out.pageKind).toBe("article");
  });

  it("never throws on empty or broken input", () => {
    for (const html of ["", "<", "<html><body></body></html>", "<p>short</p>", "\u0000\ufffd<<<>>>"]) {
      const out = extractHtml(html);
      expect(out.markdown).toBeTypeOf("string");
      expect(out.pageKind).not.toBe("article");
    }
  });
});

describe("extractHtml: page kind", () => {
  it("flags a list of story links as a listing (listing.html)", () => {
    const out = extractHtml(fixture("listing.html"), { url: PAGE_URL });
    expect(out.pageKind).toBe("listing");
    expect(out.warnings).toContain("page looks like a listing, not an article");
  });

  // Six distinct paragraphs of ~280 characters: together a full article (1,680 characters of
  // prose), one per card a page of teasers. No links, so only where the prose sits tells them apart.
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) =>
      `Paragraph ${i + 1} reports what the regional governor said about the evacuation of frontline villages, ` +
      `how many residents have left since the spring, where the buses take them, what the shelters offer ` +
      `and when officials expect the next convoy to leave the district centre for the city.`,
  );
  const page = (head: string, body: string) =>
    `<!doctype html><html lang="en"><head><title>Evacuation</title>${head}</head><body><main>${body}</main></body></html>`;
  const together = `<div class="text">${paragraphs.map((p) => `<p>${p}</p>`).join("")}</div>`;
  const scattered = paragraphs.map((p) => `<div class="card"><p>${p}</p></div>`).join("");

  it("counts prose kept together as an article, and the same prose one paragraph per card as a listing", () => {
    expect(extractHtml(page("", together), { url: PAGE_URL }).pageKind).toBe("article");
    expect(extractHtml(page("", scattered), { url: PAGE_URL }).pageKind).toBe("listing");
  });

  it("holds a listing whose byline is a card's with the page's text, not the card's teaser", () => {
    const html = fixture("listing.html")
      .replace("</head>", '<meta name="author" content="Jane Doe"></head>')
      .replace(
        "<ul",
        '<article class="card"><h2>Budget agreed</h2><p>By Jane Doe: the council spent the evening on the budget and agreed on most of it.</p></article><ul',
      );
    const out = extractHtml(html, { url: PAGE_URL });
    expect(out.byline?.value).toBe("Jane Doe");
    expect(out.pageKind).toBe("listing");
    expect(out.paragraphs.some((p) => p.startsWith("Rail timetable changes on Monday"))).toBe(true);
  });

  it("holds a bylined listing with the page's text at a section's address, with the article's at a post's", () => {
    const story =
      "By Jane Doe: the council spent the whole evening on next year's budget, agreed on the spending for schools, " +
      "roads and the library service, and left the harbour works for a further meeting after residents objected.";
    const more = Array.from(
      { length: 10 },
      (_, i) =>
        `<li class="story"><a href="/b${i}">Ferry timetable ${i} for the winter</a><span>1 day ago</span></li>`,
    ).join("");
    const html = fixture("listing.html")
      .replace("</head>", '<meta name="author" content="Jane Doe"></head>')
      .replace(
        "<ul",
        `<article class="story"><h2>Budget agreed</h2><p>${story}</p><p>${story}</p></article><ul`,
      )
      .replace("</ul>", `${more}</ul>`);
    const atSection = extractHtml(html, { url: "https://example.com/category/council/" });
    expect(atSection.pageKind).toBe("listing");
    expect(atSection.paragraphs.some((p) => p.startsWith("Rail timetable changes on Monday"))).toBe(true);
    const atPost = extractHtml(html, { url: "https://example.com/news/council-agrees-next-years-budget" });
    expect(atPost.pageKind).toBe("listing");
    expect(atPost.paragraphs.some((p) => p.startsWith("Rail timetable changes on Monday"))).toBe(false);
  });

  it("keeps a page that declares itself an article (a live blog's short updates) an article", () => {
    const declared = '<meta property="og:type" content="article">';
    expect(extractHtml(page(declared, scattered), { url: PAGE_URL }).pageKind).toBe("article");
  });
});

describe("extractHtml: dates and bylines shown only in the page (visible-date-glued-byline.html)", () => {
  // Bugs seen on WCXB pages: a byline block's text glues label, name and date together
  // ("BySummer Swann-June 12, 2025"), and a date shown only as text was not found at all.
  const out = extractHtml(fixture("visible-date-glued-byline.html"), { url: PAGE_URL });
  it("cuts the label and the date off the byline", () => {
    expect(out.byline).toEqual({ value: "Summer Swann", origin: "page" });
  });
  it("reads the date the page shows", () => {
    expect(out.published).toEqual({ value: "2025-06-12T00:00:00+00:00", origin: "page" });
  });
});

describe("extractHtml: boilerplate inside the article (boilerplate-inside-article.html)", () => {
  // Bug: Readability strips class names from its output by default, so the clean-up that removes
  // newsletter and share boxes by class never matched anything; it now runs with classes kept.
  const out = extractHtml(fixture("boilerplate-inside-article.html"), { url: PAGE_URL });
  it("drops newsletter and share boxes, keeps every body paragraph", () => {
    expect(out.markdown).not.toContain("Sign up for our morning briefing");
    expect(out.markdown).not.toContain("Share this story");
    expect(out.paragraphs).toHaveLength(3);
    expect(out.warnings).toContain("discarded 2 × boilerplate class");
  });
});

describe("extractHtml: an article in sections of unlike markup", () => {
  // Readability keeps the best-scored container and its like siblings: here the body's paragraphs,
  // not the standfirst above them nor the list's items, each nested in a field of its own.
  const paragraph = (what: string, n: number) =>
    `<p>${what} ${n}: the committee heard evidence from growers, hauliers and the port authority about the delays at the border, and asked the ministry for figures by the end of the month.</p>`;
  const item = (n: number) =>
    `<div class="field-item"><div class="paragraph"><div class="list-item"><h2>Game ${n}</h2><div class="text-formatted">${paragraph("Pick", n)}</div></div></div></div>`;
  const page = (container: string) =>
    `<!doctype html><html lang="en"><head><title>The best board games of the year</title></head><body>
    <header><nav><a href="/">Home</a></nav></header>
    <${container}><div class="intro"><div class="dek">${paragraph("Intro", 1)}</div></div>
    <div class="body">${Array.from({ length: 10 }, (_, i) => paragraph("Body", i + 1)).join("")}</div>
    <div class="items">${Array.from({ length: 8 }, (_, i) => item(i + 1)).join("")}</div></${container}>
    <footer><p>Copyright Example</p></footer></body></html>`;
  const url = "https://example.com/2025/12/16/the-best-board-games-of-the-year";

  it("takes the story's <article> when it holds Readability's paragraphs and far more", () => {
    const out = extractHtml(page("article"), { url });
    expect(out.extractor).toBe("article-element");
    expect(out.paragraphs.some((p) => p.startsWith("Intro 1:"))).toBe(true);
    expect(out.paragraphs.some((p) => p.startsWith("Pick 8:"))).toBe(true);
    expect(out.paragraphs.some((p) => p.startsWith("Body 10:"))).toBe(true);
    expect(out.paragraphs.join("\n")).not.toContain("Copyright Example");
  });

  const introAbove = (intro: number, body = (n: number) => paragraph("Body", n)) =>
    `<!doctype html><html lang="en"><head><title>Border delays</title></head><body><main><article>
    <div class="summary"><div class="text">${Array.from({ length: intro }, (_, i) => paragraph("Intro", i + 1)).join("")}<p><a href="/a">Our test results, in full and with every figure we measured</a></p></div></div>
    <div class="col"><div class="text">${Array.from({ length: 10 }, (_, i) => body(i + 1)).join("")}</div></div>
    </article></main></body></html>`;

  it("puts back in front the intro Readability scored apart, from the story's own container", () => {
    const out = extractHtml(introAbove(2), { url });
    expect(out.extractor).toBe("readability");
    expect(out.paragraphs.slice(0, 3).map((p) => p.slice(0, 8))).toEqual([
      "Intro 1:",
      "Intro 2:",
      "Body 1: ",
    ]);
    expect(out.paragraphs.join("\n")).not.toContain("Our test results");
  });

  it("puts the intro back when the body's paragraphs are <div>s (which Readability makes <p>s)", () => {
    const asDiv = (n: number) =>
      paragraph("Body", n)
        .replace(/^<p>/, "<div>")
        .replace(/<\/p>$/, "</div>");
    const out = extractHtml(introAbove(2, asDiv), { url });
    expect(out.paragraphs.slice(0, 3).map((p) => p.slice(0, 8))).toEqual([
      "Intro 1:",
      "Intro 2:",
      "Body 1: ",
    ]);
  });

  it("keeps Readability's result when the page marks no story container", () => {
    const out = extractHtml(page("div"), { url });
    expect(out.extractor).toBe("readability");
    expect(out.paragraphs.some((p) => p.startsWith("Intro 1:"))).toBe(false);
  });
});

describe("extractHtml: a listicle, one section per item", () => {
  // The markup of a car magazine's "top 20": an <ol> of <li>s, each a heading, a picture and one
  // paragraph, nested in boxes of their own; one item says more than the others.
  const verdict = (car: string) =>
    `<p>The ${car} is quick, quiet and comfortable, charges in half an hour and carries five adults and their luggage with room to spare on a long trip. It is not cheap, but nothing else at the price does as much so well.</p>`;
  const item = (car: string, paragraphs: number) =>
    `<li><div class="head"><h2>${car}</h2></div><div class="row"><div class="media"><img src="/${car}.jpg" alt="${car}"></div><div class="copy"><div class="markup">${verdict(car).repeat(paragraphs)}<p><a href="/reviews/${car}">Read the full ${car} review</a></p></div></div></div></li>`;
  const cars = ["Kia PV5", "BMW iX3", "Renault 5", "Hyundai Ioniq 5", "Tesla Model 3"];
  const page = (items: string) =>
    `<!doctype html><html lang="en"><head><title>The 20 best electric cars</title></head><body>
    <header><nav><a href="/">Home</a></nav></header>
    <div id="main"><ol class="list">${items}</ol></div>
    <div class="trending"><h2>Trending this week</h2><ul><li><a href="/a">A story about a new hot hatch and its price</a></li></ul></div>
    <footer><p>Copyright Example</p></footer></body></html>`;
  const url = "https://example.com/car-news/the-best-electric-cars";

  it("takes every item, not the one Readability scores best", () => {
    const out = extractHtml(page(cars.map((car, i) => item(car, i === 4 ? 3 : 1)).join("")), { url });
    expect(out.extractor).toBe("sections");
    for (const car of cars)
      expect(out.paragraphs.some((p) => p.startsWith(`The ${car} is quick`))).toBe(true);
    expect(out.paragraphs.join("\n")).not.toContain("Trending this week");
  });

  it("keeps one section alone when it has fewer than three alike", () => {
    const out = extractHtml(page(cars.map((car, i) => item(car, i === 4 ? 6 : 0)).join("")), { url });
    expect(out.extractor).not.toBe("sections");
  });
});

describe("extractHtml: a newsletter's issue as the page", () => {
  it("keeps an issue whose wrappers are marked 'newsletter', drops the sign-up box", () => {
    const paragraph = (n: number) =>
      `<p>Point ${n}: keep resistance sessions under an hour after a warm-up, and rest two to four minutes between the heavier sets of each exercise.</p>`;
    const archive = Array.from(
      { length: 30 },
      (_, i) =>
        `<li><a href="/issues/${i}">Issue ${i}: sleep, light, caffeine and the first hours of the day</a></li>`,
    ).join("");
    const html = `<!doctype html><html lang="en"><head><title>Issue 12</title><meta property="og:type" content="article"></head><body><main>
      <section class="newsletter-wrapper"><article class="newsletter-content"><h1>Issue 12</h1>${[1, 2, 3, 4].map(paragraph).join("")}</article></section>
      <div class="newsletter-signup"><p>Sign up for our weekly newsletter and get every new issue in your inbox on Friday, free of charge.</p></div>
      </main><div class="archive"><ul>${archive}</ul></div></body></html>`;
    const out = extractHtml(html, { url: PAGE_URL });
    expect(out.pageKind).toBe("article");
    expect(out.paragraphs.some((p) => p.startsWith("Point 4:"))).toBe(true);
    expect(out.paragraphs.join("\n")).not.toContain("Sign up for our weekly newsletter");
  });
});

describe("extractHtml: markup cut before parsing", () => {
  it("reads a '<!--' inside a script as script text, not as a comment that swallows the article", () => {
    const body = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Paragraph ${i + 1}: the council met on Tuesday to discuss the new bus routes, and residents asked why the last evening service was cut.</p>`,
    ).join("");
    const html = `<!doctype html><html lang="en"><head><title>Bus routes</title><script>var marker = "<!--";</script></head><body><article><h1>Bus routes</h1>${body}</article><!-- footer --></body></html>`;
    const out = extractHtml(html, { url: PAGE_URL });
    for (let i = 1; i <= 4; i++) expect(out.markdown).toContain(`Paragraph ${i}:`);
    expect(out.markdown).not.toContain("marker");
  });
});
