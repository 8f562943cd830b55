import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/ingest/html/content.ts";
import { toMarkdown } from "../../../src/ingest/html/to-markdown.ts";

/** The markdown converter's reading of layout it cannot see (hand-written markup patterns). */

const paragraphsOf = (html: string) => {
  const body = parseDocument(`<html><body>${html}</body></html>`).body as Element;
  return toMarkdown(body, "https://example.com/").paragraphs;
};
const long =
  "Wheel thrown and glazed by hand in a small studio, each mug has its own shade of clay and glaze.";

describe("toMarkdown: text the page's style would show", () => {
  it("keeps the text of a collapsed 'read more' section (aria-hidden, with a paragraph)", () => {
    const out = paragraphsOf(
      `<h2>Description</h2><div aria-hidden="true" class="toggle__body"><p>${long}</p></div><span aria-hidden="true">★★★★★</span>`,
    );
    expect(out).toContain(long);
    expect(out.join(" ")).not.toContain("★");
  });

  it("still drops an aria-hidden element with no paragraph, and anything `hidden`", () => {
    const out = paragraphsOf(
      `<p>Visible text.</p><div aria-hidden="true"><a href="/a">Menu copy</a></div><div hidden><p>${long}</p></div>`,
    );
    expect(out).toEqual(["Visible text."]);
  });

  it("reads the button inside a heading (an accordion's question) as the heading's text; other buttons stay out", () => {
    const out = paragraphsOf(
      `<div class="accordion"><h3><button aria-expanded="false"><span>How much do sleeping bags cost?</span></button></h3><div><p>${long}</p></div></div><p><button>Add to cart</button></p>`,
    );
    expect(out).toEqual(["How much do sleeping bags cost?", long]);
  });

  it("puts a space between two inline elements side by side when the second starts a capitalised word", () => {
    const out = paragraphsOf(
      `<div><a href="/p/1"><span>YETI</span><span>Rambler Bottle - 26 fl. oz.</span></a></div><p><b>W</b>ord and <i>over</i>lap stay whole.</p>`,
    );
    expect(out).toContain("YETI Rambler Bottle - 26 fl. oz.");
    expect(out).toContain("Word and overlap stay whole.");
  });

  it("puts a space after a label's colon and between a word and a number set apart by their elements", () => {
    const out = paragraphsOf(
      `<div><span>eBay item number:</span><span>404928375058</span></div><div><span>Published By:</span><a href="/r">Rockstar Games</a></div><div><span>Size</span><span>10</span></div><p>H<sub>2</sub>O and x<sup>2</sup> stay whole; so do $<span>26</span>.<span>95</span>.</p>`,
    );
    expect(out).toContain("eBay item number: 404928375058");
    expect(out).toContain("Published By: Rockstar Games");
    expect(out).toContain("Size 10");
    expect(out).toContain("H2O and x2 stay whole; so do $26.95.");
  });
});
