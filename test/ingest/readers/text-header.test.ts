import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import type { CaptureContext } from "../../../src/ingest/outlets.ts";
import type { ExtractedDocument } from "../../../src/ingest/readers/types.ts";
import { describeWithShared, sharedPath } from "../../helpers/shared.ts";
import { captureItems } from "./helpers.ts";

/** The seed capture (a Moscow Times page copied as text, no date or URL in it) with lines added. */
const SEED = ["seed", "moscow-times-kharkiv-mobilization.txt"];
const URL_MT = "https://www.themoscowtimes.com/2024/03/22/kremlin-planning-new-mobilization-a84567";

describeWithShared("text captures: date and URL lines", SEED, () => {
  let seed: string;
  let plain: ExtractedDocument;
  const read = (text: string, context: Partial<CaptureContext> = {}) => {
    const [item, ...rest] = captureItems(
      { input: "capture.txt", bytes: new TextEncoder().encode(text) },
      context,
    );
    expect(rest).toEqual([]);
    if (item?.kind !== "document") throw new Error(`expected a document: ${JSON.stringify(item)}`);
    return item.document;
  };
  beforeAll(() => {
    seed = readFileSync(sharedPath(...SEED), "utf8");
    plain = read(seed, { source: "moscow-times" });
  });

  it("reads the seed as it is: no URL, no date, the outlet from --source", () => {
    expect(plain.url).toBeUndefined();
    expect(plain.dates).toEqual([]);
    expect(plain.title).toBe("Kremlin Planning New Mobilization for Kharkiv Offensive – Vyorstka");
  });

  it("reads labelled URL and date lines above the page: outlet, URL and date, none of them in the body", () => {
    const doc = read(`URL: ${URL_MT}\nPublished: 22 March 2024 14:05\n\n${seed}`);
    expect(doc.source?.id).toBe("moscow-times");
    expect(doc.url).toBe(URL_MT);
    expect(doc.dates).toEqual([{ value: "22 March 2024 14:05", source: "text" }]);
    expect(doc.title).toBe(plain.title);
    expect(doc.paragraphs).toEqual(plain.paragraphs);
    expect(doc.imageCaption).toBe(plain.imageCaption);
  });

  it("reads a bare URL on the last line and a labelled date in the middle, as they were pasted", () => {
    const lines = seed.split("\n");
    const at = lines.findIndex((l) => l.startsWith("He declared an end"));
    lines.splice(at, 0, "Date: 2024-03-22", "");
    const doc = read(`${lines.join("\n")}\n\n${URL_MT}\n`);
    expect(doc.url).toBe(URL_MT);
    expect(doc.dates).toEqual([{ value: "2024-03-22", source: "text" }]);
    expect(doc.paragraphs).toEqual(plain.paragraphs);
    expect(doc.markdown).not.toContain("Date:");
    expect(doc.markdown).not.toContain("themoscowtimes.com");
  });

  it("puts a labelled date before the date line under the headline", () => {
    const withDateLine = seed.replace("Updated with comments", "March 21, 2024\n\nUpdated with comments");
    const doc = read(`Date: 2024-03-22\n${withDateLine}`, { source: "moscow-times" });
    expect(doc.dates).toEqual([
      { value: "2024-03-22", source: "text" },
      { value: "March 21, 2024", source: "text" },
    ]);
  });

  it("leaves the outlet to the pipeline when the URL line names a host no source has", () => {
    const doc = read(`https://verstka.media/kremlin-mobilization-2024\n${seed}`);
    expect(doc.source).toBeUndefined();
    expect(doc.url).toBe("https://verstka.media/kremlin-mobilization-2024");
    expect(doc.paragraphs.length).toBeGreaterThan(10);
  });

  it("keeps --source over the URL line's outlet", () => {
    const doc = read(`URL: ${URL_MT}\n${seed}`, { source: "kyiv-independent" });
    expect(doc.source?.id).toBe("kyiv-independent");
    expect(doc.url).toBe(URL_MT);
  });
});
