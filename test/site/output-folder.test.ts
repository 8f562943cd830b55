import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputFolder } from "../../src/site/output-folder.ts";
import { tempDir } from "../helpers/site.ts";

/** A build writes a page only when its bytes differ from what the folder holds (src/site/output-folder.ts). */
describe("the output folder", () => {
  it("leaves a page that already holds the same text alone, and rewrites one that differs, even by a character of the same length", () => {
    const folder = new OutputFolder(tempDir("media-digest-output-"));
    const page = "<p>Харків, 5 March</p>\n";
    const first = folder.write("/kharkiv/", page);
    expect(first.written).toBe(true);
    const file = join(folder.dir, "kharkiv", "index.html");
    expect(readFileSync(file, "utf8")).toBe(page);
    expect(first.size).toBe(Buffer.byteLength(page));

    const again = folder.write("/kharkiv/", page);
    expect(again).toEqual({ ...first, written: false });
    expect(statSync(file).mtimeMs).toBe(first.mtimeMs);

    // Same length in bytes, one letter changed.
    const edited = page.replace("Харків", "Харкив");
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(page));
    expect(folder.write("/kharkiv/", edited).written).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(edited);

    // Bytes are compared as bytes.
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    expect(folder.write("/logo.png", bytes).written).toBe(true);
    expect(folder.write("/logo.png", Buffer.from(bytes)).written).toBe(false);
    expect(folder.write("/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x48])).written).toBe(true);
  });
});
