import { describe, expect, it } from "vitest";
import { learnRecurringLines, normalizeLine } from "../../../src/ingest/clean.ts";
import { textReader } from "../../../src/ingest/readers/text.ts";
import type { RawInput } from "../../../src/ingest/readers/types.ts";
import { describeReaderContract } from "./contract.ts";
import { captureItems } from "./helpers.ts";

const encode = (text: string) => new TextEncoder().encode(text);

/** A capture from an outlet with an appeal no rule knows about. */
function capture(n: number, appeal = "Help us keep the lights on: chip in today"): RawInput {
  return {
    input: `capture-${n}.txt`,
    bytes: encode(
      [
        `Headline number ${n} about the city budget`,
        "",
        `The city council approved budget number ${n} on Tuesday after a long debate about schools and roads.`,
        "",
        appeal,
        "",
        `Officials said the plan number ${n} would be reviewed again in the autumn session of the council.`,
        "",
      ].join("\n"),
    ),
  };
}

describeReaderContract(textReader, {
  valid: [capture(1), capture(2)],
  extension: ".txt",
  read: (raw) => captureItems(raw, { source: "moscow-times" }),
});

describe("text reader", () => {
  it("keeps a line that is not yet known as boilerplate", () => {
    const [item] = captureItems(capture(1), { source: "moscow-times" });
    expect(item?.kind === "document" && item.document.paragraphs.join("\n")).toContain("chip in today");
  });

  it("learns a line that recurs in 3 captures of one outlet as boilerplate, and drops it with its reason", () => {
    const captures = new Map(
      [1, 2, 3].map((n) => [`sha-${n}`, new TextDecoder().decode(capture(n).bytes).split("\n")]),
    );
    const recurring = learnRecurringLines(captures);
    expect(recurring).toEqual(new Set([normalizeLine("Help us keep the lights on: chip in today")]));
    const [item] = captureItems(capture(4), {
      source: "moscow-times",
      recurring: (id) => (id === "moscow-times" ? recurring : new Set()),
    });
    if (item?.kind !== "document") throw new Error("expected a document");
    expect(item.document.paragraphs.join("\n")).not.toContain("chip in today");
    expect(item.document.removed).toContainEqual({
      line: 5,
      text: "Help us keep the lights on: chip in today",
      reason: expect.stringMatching(/^recurring line/),
    });
  });

  it("does not learn from two captures, nor from the same capture counted twice", () => {
    const lines = new TextDecoder().decode(capture(1).bytes).split("\n");
    expect(
      learnRecurringLines(
        new Map([
          ["a", lines],
          ["b", lines],
        ]),
      ),
    ).toEqual(new Set());
  });

  it("never learns long lines (article prose re-captured) or lines `keep` protects", () => {
    const long = "x".repeat(201);
    const captures = new Map(["a", "b", "c"].map((k) => [k, [long, "March 22, 2024"]]));
    expect(learnRecurringLines(captures, (line) => line.startsWith("March"))).toEqual(new Set());
  });
});
