import { describe, expect, it } from "vitest";
import { cleanByline, stripSiteName } from "../../../src/ingest/html/metadata.ts";

describe("stripSiteName", () => {
  it.each([
    ["How to Build a Terrarium | eHow", "eHow", "How to Build a Terrarium"],
    ["Headline - The Example Times", "The Example Times", "Headline"],
    ["The Example Times: Headline", "The Example Times", "The Example Times: Headline"],
    ["Headline – Part 2 – Site", "Site", "Headline – Part 2"],
    ["Headline | Not the site", "Site", "Headline | Not the site"],
  ])("%s (site %s) → %s", (title, site, expected) => {
    expect(stripSiteName(title, site)).toBe(expected);
  });
});

describe("cleanByline", () => {
  it.each([
    ["By Jane Doe", "Jane Doe"],
    ["Written byAAA Travel Editor, SMT", "AAA Travel Editor, SMT"],
    ["Reyan PerumalPublished on July 18, 2025", "Reyan Perumal"],
    ["Dr. Vahid Osman - Mar 27, 2024", "Dr. Vahid Osman"],
    ["By: FlowGuard EMEA on 04-ago-2021 5:11:10", "FlowGuard EMEA"],
    ["EcoFlow- 2025/4/29", "EcoFlow"],
    ["肖春芳", "肖春芳"],
  ])("%s → %s", (raw, expected) => {
    expect(cleanByline(raw)).toBe(expected);
  });
  it.each(["By", "https://www.facebook.com/someone", "—", "The Author"])("refuses %s", (raw) => {
    expect(cleanByline(raw)).toBeUndefined();
  });
});
