import { describe, expect, it } from "vitest";
import { htmlReader } from "../../../src/ingest/readers/html.ts";
import { enforceSafeMarkdown } from "../../../src/ingest/readers/shared.ts";
import type { ExtractedDocument, ReadItem } from "../../../src/ingest/readers/types.ts";
import { describeReaderContract } from "./contract.ts";
import { fixtureInput } from "./helpers.ts";

describeReaderContract(htmlReader, {
  valid: [fixtureInput("article.html"), fixtureInput("article.html.gz")],
  extension: ".html",
});

function onlyDocument(items: ReadItem[]): ExtractedDocument {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item?.kind !== "document") throw new Error(`expected a document, got ${JSON.stringify(item)}`);
  return item.document;
}

describe("html reader", () => {
  it("reads a saved article page: title, body, date, byline, canonical URL", () => {
    const doc = onlyDocument(htmlReader.read(fixtureInput("article.html")));
    expect(doc.title).toBe("Kremlin Prepares New Mobilization Wave for Kharkiv Push");
    expect(doc.markdown).toContain("as many as 300,000 reservists over the summer");
    expect(doc.paragraphs.join("\n")).toContain("The Kremlin declined to comment");
    expect(doc.dates[0]).toEqual({ value: "2024-03-22T10:15:00+03:00", source: "meta" });
    expect(doc.byline).toBe("Anna Petrova");
    expect(doc.url).toMatch(/^https:\/\/www\.example-news\.com\/2024\/03\/22\/kremlin-mobilization-kharkiv/);
    expect(doc.siteName).toBe("Example News");
    expect(doc.pageKind).toBe("article");
  });

  it("keeps only absolute http(s)/mailto links and no raw HTML or script", () => {
    const doc = onlyDocument(htmlReader.read(fixtureInput("article.html")));
    for (const [, href] of doc.markdown.matchAll(/\]\(([^)]*)\)/g))
      expect(href).toMatch(/^(?:https?:|mailto:)/);
    expect(doc.markdown).not.toMatch(/javascript:|onerror|<img|<script|window\.tracking/);
  });

  it("reads a gzipped page like the page itself", () => {
    const plain = onlyDocument(htmlReader.read(fixtureInput("article.html")));
    const gz = onlyDocument(htmlReader.read(fixtureInput("article.html.gz")));
    expect({ ...gz, input: "", provenance: {} }).toEqual({ ...plain, input: "", provenance: {} });
  });

  it("marks a listing page as not an article (the pipeline refuses it)", () => {
    const items = htmlReader.read(fixtureInput("listing.html"));
    const kinds = items.map((i) => (i.kind === "document" ? i.document.pageKind : i.kind));
    expect(kinds.every((k) => k !== "article")).toBe(true);
  });
});

describe("enforceSafeMarkdown", () => {
  it("holds any extractor to the contract: no raw HTML, only http(s)/mailto links", () => {
    const result = enforceSafeMarkdown(
      'Text <img src=x onerror="alert(1)"> and [a link](javascript:alert(1)), [ok](https://a.example/x), [mail](mailto:a@b.example), [rel](/path).',
    );
    expect(result.markdown).toBe(
      "Text  and [a link], [ok](https://a.example/x), [mail](mailto:a@b.example), [rel].",
    );
    expect(result.warnings).toEqual([
      "removed 1 raw HTML tag(s) the extractor left in the markdown",
      "removed 2 link target(s) that were not absolute http(s)/mailto",
    ]);
  });
});
