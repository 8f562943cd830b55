import { describe, expect, it } from "vitest";
import { streamProgress } from "../../src/ingest/progress.ts";

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (text: string) => chunks.push(text) } };
}

describe("progress", () => {
  it("prints one plain line per input when not on a terminal (CI logs)", () => {
    const { chunks, stream } = recorder(false);
    const progress = streamProgress(stream);
    progress.start(2);
    progress.tick("a.txt", "written");
    progress.add(1);
    progress.tick("feed.xml", "skipped");
    progress.stage("Writing 3 articles");
    progress.done();
    expect(chunks).toEqual(["[1/2] written: a.txt\n", "[2/3] skipped: feed.xml\n", "Writing 3 articles\n"]);
  });

  it("redraws one bar line on a terminal and clears it at the end", () => {
    const { chunks, stream } = recorder(true);
    const progress = streamProgress(stream);
    progress.start(2);
    progress.tick("a.txt", "written");
    progress.stage("Writing 1 article");
    progress.done();
    expect(chunks[0]).toBe(`\r\x1b[2K${"█".repeat(15)}${"░".repeat(15)} 1/2 a.txt`);
    // A stage's line takes the bar's place and stays.
    expect(chunks[1]).toBe("\r\x1b[2KWriting 1 article\n");
    expect(chunks.at(-1)).toBe("\r\x1b[2K");
  });
});
