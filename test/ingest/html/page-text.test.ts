import { describe, expect, it } from "vitest";
import { extractPageText, parseDocument, textWeight } from "../../../src/ingest/html/content.ts";
import { toMarkdown } from "../../../src/ingest/html/to-markdown.ts";

/**
 * What a held page's draft is made of (content.ts `extractPageText`) and what the parse keeps of a
 * page (`parseDocument`): markup patterns of forums, shops and documentation sites, hand-written.
 */

const prose = (lead: string) =>
  `${lead} The committee spent most of the evening on the budget and agreed on the main items after a long and careful debate.`;
const text = (root: Element | undefined) => (root?.textContent ?? "").replace(/\s+/g, " ").trim();
const bodyText = (html: string) => text(parseDocument(html).body ?? undefined);

describe("parseDocument: what the cuts before parsing keep", () => {
  it("keeps a <noscript> fallback with paragraphs when it says more than the page around it", () => {
    const posts = [1, 2, 3, 4, 5].map((n) => `<p>${prose(`Post ${n}.`)}</p>`).join("");
    const html = `<html><body><div id="app">Loading</div><noscript data-path="/t/1"><div class="post">${posts}<script>track()</script></div></noscript></body></html>`;
    const body = bodyText(html);
    expect(body).toContain("Post 1. The committee");
    expect(body).toContain("Post 5. The committee");
    expect(body).not.toContain("track()");
  });

  it("cuts a <noscript> fallback when the page itself says more (a copy of the article, an image)", () => {
    const article = [1, 2, 3, 4, 5, 6].map((n) => `<p>${prose(`Paragraph ${n}.`)}</p>`).join("");
    const copy = [1, 2, 3, 4, 5].map((n) => `<p>${prose(`Copy ${n}.`)}</p>`).join("");
    const html = `<html><body><article>${article}</article><noscript>${copy}</noscript><noscript><img src="a.jpg"></noscript></body></html>`;
    const body = bodyText(html);
    expect(body).toContain("Paragraph 6.");
    expect(body).not.toContain("Copy 1.");
  });

  it("reads a stray '<![CDATA[' in the body as the bogus comment HTML makes of it, not as the page's end", () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"A <![CDATA[ b"}</script></head><body><![CDATA[ <div><p>${prose("First.")}</p></div><p>${prose("Second.")}</p></body></html>`;
    const doc = parseDocument(html);
    expect(text(doc.body ?? undefined)).toContain("Second. The committee");
    expect(doc.querySelector('script[type="application/ld+json"]')?.textContent).toContain("<![CDATA[ b");
  });
});

describe("extractPageText: a thread, a shop, a documentation page", () => {
  const thread = (postClass: string) =>
    `<html><body><header><nav><a href="/">Forums</a></nav></header><main><h1>Which tent for two?</h1>
    <form action="/inline-mod" method="post"><input type="checkbox" name="ids">
      <article class="${postClass}" id="post-1"><div class="userinfo"><span>Joined</span> <span>Posts</span></div><p>${prose("I am looking for a light tent.")}</p><a href="/reply">Reply</a> <a href="/q">Quote</a></article>
      <article class="${postClass}" id="post-2"><p>${prose("A freestanding tent is easier.")}</p><p>Click to expand...</p></article>
      <article class="${postClass}" id="post-3"><p>${prose("Mine weighs two kilos.")}</p></article>
    </form>
    <form action="/search"><input name="q"><button>Search</button><p>Search the forums</p></form>
    <p>You must log in or register to reply here.</p></main>
    <footer><p>© 2025 Example Forums Ltd. All rights reserved.</p></footer></body></html>`;

  it("keeps the posts of a thread wrapped in a moderation form, drops the search form", () => {
    const out = text(extractPageText(thread("message"), { thread: true }).root);
    expect(out).toContain("I am looking for a light tent.");
    expect(out).toContain("Mine weighs two kilos.");
    expect(out).not.toContain("Search the forums");
  });

  it("keeps short posts each wrapped in a form with nothing to fill in (old Reddit), drops the reply box", () => {
    const comment = (id: string, words: string) =>
      `<div class="entry"><p class="tagline"><a href="/u/${id}">${id}</a> 12 points</p><form action="#" class="usertext"><input type="hidden" name="thing_id" value="${id}"><div class="md"><p>${words}</p></div></form></div>`;
    const html = `<html><body><main><h1>Hair follicles grown in the lab</h1>
      ${comment("t1_a", "Might this also help with tinnitus one day?")}
      ${comment("t1_b", "I will wear mouse hair if that's what it takes.")}
      <form action="/comment" class="usertext cloneable"><textarea name="text"></textarea><p>Please be civil.</p><button>save</button></form>
      </main></body></html>`;
    const out = text(extractPageText(html, { thread: true }).root);
    expect(out).toContain("Might this also help with tinnitus one day?");
    expect(out).toContain("I will wear mouse hair if that's what it takes.");
    expect(out).not.toContain("Please be civil.");
  });

  it("keeps a thread's posts marked as comments, which an article's page text drops", () => {
    const html = thread("comment post-comment");
    expect(text(extractPageText(html, { thread: true }).root)).toContain("A freestanding tent is easier.");
    expect(text(extractPageText(html).root)).not.toContain("A freestanding tent is easier.");
  });

  it("drops the interface's labels: post controls, member details, sign-in prompts, the copyright line", () => {
    const out = text(extractPageText(thread("message"), { thread: true }).root);
    for (const label of ["Joined", "Posts", "Reply", "Quote", "Click to expand", "You must log in", "©"])
      expect(out).not.toContain(label);
  });

  it("drops a shop's and a documentation site's controls, keeps what they describe", () => {
    const html = `<html><body><a href="#main">Skip to main content</a><main id="main"><h1>Stoneware mug</h1>
      <p>${prose("Wheel thrown and glazed by hand.")}</p><button>Add to cart</button><span>Out of stock</span><p>Free shipping on orders over $50</p><div><span>Based on 120 reviews</span><span>Verified Buyer</span><a href="/in">Sign in</a></div><div><span>Explore products</span><span>Book a demo</span><h2>Features</h2></div>
      <div><h2>You may also like</h2></div><p>Was this page helpful?</p><a href="/edit">Edit this page</a>
      <ul><li><a href="/privacy">Privacy Policy</a></li><li><a href="/terms">Terms of Use</a></li></ul></main></body></html>`;
    const out = text(extractPageText(html).root);
    expect(out).toContain("Wheel thrown and glazed by hand.");
    expect(out).toContain("Features");
    for (const label of [
      "Skip to main content",
      "Add to cart",
      "Out of stock",
      "You may also like",
      "Was this page helpful",
      "Edit this page",
      "Privacy Policy",
      "Terms of Use",
      "Free shipping",
      "120 reviews",
      "Verified Buyer",
      "Sign in",
      "Explore products",
      "Book a demo",
    ])
      expect(out).not.toContain(label);
  });

  it("keeps the cards of a listing whose names sit in boxes marked as captions; a share bar still goes", () => {
    const card = (name: string) =>
      `<li class="grid__item"><img src="/${name}.jpg" alt=""><div class="card__caption"><h3><a href="/p/${name}">${name}</a></h3><p>Roasted in small batches, sold in 12 oz bags.</p></div><div class="card-credit">Photo: Studio</div></li>`;
    const html = `<html><body><main><h1>Coffee</h1><p>${prose("Our roasts.")}</p><ul>${card("Chocolate Hazelnut Coffee")}${card("Valhalla Java Odinforce Blend")}</ul><div class="share-bar"><a href="/s">Share on Facebook</a></div></main></body></html>`;
    const root = extractPageText(html).root;
    const out = root ? toMarkdown(root, undefined).paragraphs.join("\n") : "";
    expect(out).toContain("Chocolate Hazelnut Coffee\nRoasted in small batches");
    expect(out).toContain("Valhalla Java Odinforce Blend");
    expect(out).toContain("Photo: Studio");
    expect(out).not.toContain("Share on Facebook");
  });

  it("keeps a shop's boxes that class words would mark as furniture on an article: promotions, popular items, subscriptions", () => {
    const box = (cls: string, words: string) =>
      `<div class="${cls}"><h2>${words}</h2><p>${prose(words)}</p></div>`;
    const html = `<html><body><main><h1>Coffee</h1>${box("promo-banner", "Spring Sale, save 20% with code MARCH")}${box("popular-products", "Dark Roast Single-Serve Pods")}${box("product-subscription", "Deliver every two weeks")}${box("share-tools", "Share on Facebook")}</main></body></html>`;
    const out = text(extractPageText(html).root);
    for (const kept of ["Spring Sale, save 20%", "Dark Roast Single-Serve Pods", "Deliver every two weeks"])
      expect(out).toContain(kept);
    expect(out).not.toContain("Share on Facebook");
  });

  it("drops a menu of short links the markup does not call one; keeps cards, a spec list and a list with text", () => {
    const links = (names: string[]) =>
      `<ul>${names.map((name) => `<li><a href="/c/${name.length}">${name}</a></li>`).join("")}</ul>`;
    const html = `<html><body><main><h1>Garden furniture</h1><p>${prose("Chairs and tables for every terrace.")}</p>
      <div class="sidebar-ish"><h2>Shop by room</h2>${links(["Living Room", "Bedroom", "Outdoor", "Office"])}</div>
      <ol>${[
        "Teak Folding Chair with Armrests, set of two",
        "Round Bistro Table in Powder-Coated Steel",
        "Stacking Mesh Style Chair, charcoal",
      ]
        .map((name) => `<li><a href="/p/${name.length}">${name}</a> <span>$129.99</span></li>`)
        .join("")}</ol>
      <ul><li>Weight: 4 kg</li><li>Width: 60 cm</li><li>Frame: teak</li></ul>
      <ul><li><a href="/a">Care guide</a> for oiled wood</li><li><a href="/b">Covers</a> in three sizes</li><li><a href="/c">Cushions</a> sold apart</li></ul>
      </main></body></html>`;
    const out = text(extractPageText(html).root);
    for (const menu of ["Living Room", "Bedroom", "Outdoor", "Office"]) expect(out).not.toContain(menu);
    expect(out).toContain("Teak Folding Chair with Armrests, set of two $129.99");
    expect(out).toContain("Stacking Mesh Style Chair");
    expect(out).toContain("Weight: 4 kg");
    expect(out).toContain("Care guide for oiled wood");
  });

  it("drops a label behind its arrow, ellipsis or full stop, and keeps one that introduces a value", () => {
    const html = `<html><body><main><h1>Stoneware mug</h1><p>${prose("Wheel thrown and glazed by hand.")}</p>
      <a href="/shop">Continue shopping ›</a><h2>You may also like…</h2><p>No products in the cart.</p>
      <div><span>Current price:</span> <span>$34.99</span></div></main></body></html>`;
    const out = text(extractPageText(html).root);
    expect(out).toContain("Wheel thrown and glazed by hand.");
    for (const label of ["Continue shopping", "You may also like", "No products in the cart"])
      expect(out).not.toContain(label);
    expect(out).toContain("Current price: $34.99");
  });

  it("drops the author box of each post (rank, join date, post count, signature), keeps the posts", () => {
    const post = (n: number) =>
      `<article class="message"><div class="message-userDetails"><h4>user${n}</h4><h5>Well-known member</h5><dl><dt>Joined</dt><dd>Mar 3, 2019</dd></dl></div><div class="message-body"><p>${prose(`Post ${n}.`)}</p></div><div class="signature">Sent from my phone</div></article>`;
    const html = `<html><body><main><div class="thread postprofile_container">${post(1)}${post(2)}${post(3)}</div></main></body></html>`;
    const out = text(extractPageText(html, { thread: true }).root);
    expect(out).toContain("Post 3. The committee");
    for (const detail of ["Well-known member", "Mar 3, 2019", "Sent from my phone"])
      expect(out).not.toContain(detail);
  });

  it("keeps a 'read more' box that holds the truncated description itself", () => {
    const reviews = [1, 2, 3].map((n) => `<p>${prose(`Review ${n}.`)}</p>`).join("");
    const html = `<html><body><main><h1>Stoneware mug</h1><div id="details-read-more" class="read-more"><p>${prose("Wheel thrown and glazed by hand.")}</p></div><a class="read-more" href="/more">Read more</a><section>${reviews}</section></main></body></html>`;
    const out = text(extractPageText(html).root);
    expect(out).toContain("Wheel thrown and glazed by hand.");
  });

  it("shows a page kept `hidden` until its scripts run", () => {
    const cards = [1, 2, 3].map(
      (n) => `<div class="card"><h2>Sofa ${n}</h2><p>${prose(`Sofa ${n}.`)}</p></div>`,
    );
    const html = `<html><body><div hidden><section>${cards.join("")}</section></div><p>Short note.</p></body></html>`;
    const root = extractPageText(html).root;
    expect(root && toMarkdown(root, undefined).paragraphs).toContain(prose("Sofa 3."));
  });

  it("takes the whole body when the page has prose outside its <main> (a category's text under its grid)", () => {
    const grid = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(
      (n) => `<li><a href="/p/${n}">Charcoal grill model ${n}</a> <span>€${n}99</span></li>`,
    );
    const html = `<html><body><nav><a href="/">Shop</a></nav><main><h1>Charcoal grills</h1><ul>${grid.join("")}</ul></main>
      <div class="category-description"><p>${prose("A grill with a lid works as an oven.")}</p><p>${prose("Fifty-seven centimetres feeds twelve.")}</p><p>${prose("Charcoal still gives the best taste.")}</p></div>
      <footer><p>© 2025 Example Grills</p></footer></body></html>`;
    const out = text(extractPageText(html).root);
    expect(out).toContain("Charcoal grill model 9");
    expect(out).toContain("Fifty-seven centimetres feeds twelve.");
    expect(out).not.toContain("Example Grills");
  });

  it("drops what lies above the page's one <h1> (a site's name line, a forum's board links); keeps it with two titles or much text above", () => {
    const page = (title: string, above: string) =>
      `<html><body><div class="top"><p>Example Outdoors, where hikers talk gear</p><p><a href="/">Board index</a> › <a href="/f/2">Tents</a></p></div>${above}
      <div class="content">${title}<p>${prose("A freestanding tent is easier to pitch.")}</p><p>${prose("Mine weighs two kilos.")}</p><p>${prose("Both fit in a rucksack.")}</p></div></body></html>`;
    const one = text(extractPageText(page("<h1>Which tent for two?</h1>", "")).root);
    expect(one).toContain("Which tent for two?");
    expect(one).toContain("Both fit in a rucksack.");
    expect(one).not.toContain("where hikers talk gear");
    expect(one).not.toContain("Board index");
    const two = text(extractPageText(page("<h1>Which tent for two?</h1><h1>Replies</h1>", "")).root);
    expect(two).toContain("where hikers talk gear");
    const intro = [1, 2, 3].map((n) => `<p>${prose(`Introduction ${n}.`)}</p>`).join("");
    const muchAbove = text(extractPageText(page("<h1>Which tent for two?</h1>", intro)).root);
    expect(muchAbove).toContain("Introduction 3.");
  });

  it("keeps the header of a post or section (a card's title and summary); the page's own header goes", () => {
    const card = (n: number) =>
      `<article class="post"><header class="entry-header"><h2><a href="/r/${n}">Air fryer recipe number ${n}</a></h2><p>${prose(`Summary ${n}.`)}</p></header></article>`;
    const html = `<html><body><header class="site-header"><p>Pinch of Salt, a food blog</p></header><main><h1>Air fryer recipes</h1>${card(1)}${card(2)}${card(3)}</main></body></html>`;
    const out = text(extractPageText(html).root);
    expect(out).toContain("Air fryer recipe number 3");
    expect(out).toContain("Summary 2. The committee");
    expect(out).not.toContain("Pinch of Salt");
  });

  it("reads a figure around a blockquote (a testimonial) as text, not as an image", () => {
    const quote = (n: number) =>
      `<figure><blockquote><p>${prose(`Testimonial ${n}.`)}</p></blockquote><figcaption>Client ${n}</figcaption></figure>`;
    const html = `<html><body><main><h1>Reviews</h1>${quote(1)}${quote(2)}<figure><img src="/a.jpg"><figcaption>The studio</figcaption></figure></main></body></html>`;
    const root = extractPageText(html).root;
    const paragraphs = root ? toMarkdown(root, undefined).paragraphs : [];
    expect(paragraphs).toContain(prose("Testimonial 2."));
    expect(paragraphs).not.toContain("The studio");
  });
});

describe("textWeight: an element's text length, white space collapsed, CJK characters counting 3", () => {
  /** The definition, written with regular expressions (what textWeight computes in one pass). */
  const byDefinition = (text: string) => {
    const collapsed = text.replace(/\s+/g, " ").trim();
    const cjk = collapsed.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu);
    return collapsed.length + 2 * (cjk?.length ?? 0);
  };

  it.each([
    ["", 0],
    ["  \n\t ", 0],
    ["  two   words \n", 9],
    ["新闻 简报", 5 + 2 * 4],
    ["ニュース", 4 + 2 * 3], // the long-vowel mark ー is no kana (Script=Common)
    ["한국어 뉴스", 6 + 2 * 5],
    ["Київ\u00a0\u2009 — новини", 13],
    ["𠀋 astral Han", 13 + 2], // two UTF-16 units, one character
  ])("%j weighs %i", (text, weight) => {
    expect(textWeight(text)).toBe(weight);
    expect(byDefinition(text)).toBe(weight);
  });

  it("agrees with the definition on every kind of white space, script and lone surrogate", () => {
    const pieces = [
      ..."\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u180e",
      ..."aZ9-é",
      ..."жЇ",
      ..."中文ひらカナ한",
      "\u{20000}",
      "\u{1F600}",
      "\ud800",
      "\udc00",
      "\u1100",
      "\u10ff",
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 3000; n++) {
      let text = "";
      for (let i = next() % 24; i > 0; i--) text += pieces[next() % pieces.length];
      expect(textWeight(text), JSON.stringify(text)).toBe(byDefinition(text));
    }
  });
});
