import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SourceRules } from "../../src/content/registry.ts";
import { appendSourceToRegistry, closeSources, sourceFromOption } from "../../src/ingest/sources.ts";

const source = (id: string, name: string, domains: string[], language = "en"): SourceRules => ({
  id,
  name,
  domains,
  language,
  boilerplate: { lines: [], patterns: [], end_markers: [] },
  linePatterns: [],
  endMarkers: [],
});

const SOURCES = [
  source("moscow-times", "The Moscow Times", ["themoscowtimes.com", "www.themoscowtimes.com"]),
  source("kyiv-independent", "The Kyiv Independent", ["kyivindependent.com"]),
  source("meduza", "Meduza", ["meduza.io"], "ru"),
  source("novaya-gazeta-europe", "Novaya Gazeta Europe", ["novayagazeta.eu"], "ru"),
];
const ids = (sources: readonly SourceRules[]) => sources.map((s) => s.id);

describe("closeSources: the ids an unknown --source was probably meant to be", () => {
  it.each([
    ["moscowtimes", ["moscow-times"]],
    ["Moscow-Times", ["moscow-times"]],
    ["the moscow times", ["moscow-times"]],
    ["moscow", ["moscow-times"]],
    ["kyiv", ["kyiv-independent"]],
    ["meduzza", ["meduza"]],
    ["novaya", ["novaya-gazeta-europe"]],
    ["bbc", []],
  ])("%j → %j", (query, expected) => {
    expect(ids(closeSources(query, SOURCES))).toEqual(expected);
  });

  it("names at most three, the closest first", () => {
    const many = ["times-a", "times-b", "times-c", "times-d", "timez"].map((id) => source(id, id, []));
    expect(ids(closeSources("timez", many))).toEqual(["timez", "times-a", "times-b"]);
  });
});

describe("sourceFromOption: --new-source id=…,name=…,url=…,language=…", () => {
  it("makes a registry entry from the four fields, the domain from the URL", () => {
    const { source: made, isNew } = sourceFromOption(
      "id=verstka, name=Verstka, url=https://verstka.media/, language=ru",
      SOURCES,
    );
    expect(isNew).toBe(true);
    expect(made).toMatchObject({
      id: "verstka",
      name: "Verstka",
      domains: ["verstka.media"],
      language: "ru",
    });
  });

  it("keeps commas inside a value and takes a bare domain as the URL", () => {
    const { source: made } = sourceFromOption(
      "id=rfe,name=Radio Free Europe, Radio Liberty,url=www.rferl.org,language=en",
      SOURCES,
    );
    expect(made).toMatchObject({ name: "Radio Free Europe, Radio Liberty", domains: ["rferl.org"] });
  });

  it("accepts an id already registered with the same name, domain and language (a repeated run)", () => {
    expect(
      sourceFromOption("id=meduza,name=Meduza,url=https://meduza.io/en,language=ru", SOURCES),
    ).toMatchObject({
      source: { id: "meduza" },
      isNew: false,
    });
  });

  it.each([
    ["name=Verstka,url=https://verstka.media,language=ru", /is missing id/],
    ["id=verstka,url=https://verstka.media", /is missing name, language/],
    [
      "id=Verstka Media,name=Verstka,url=https://verstka.media,language=ru",
      /id "Verstka Media" is not an id \(lowercase ASCII letters, digits and single hyphens/,
    ],
    [
      "id=verstka,name=Verstka,url=ftp://verstka.media,language=ru",
      /url "ftp:\/\/verstka\.media" is not an http\(s\) address/,
    ],
    [
      "id=verstka,name=Verstka,url=https://verstka.media,language=russian",
      /language "russian" is not a language tag/,
    ],
    [
      "id=verstka,name=Verstka,url=https://verstka.media,lang=ru",
      /unknown field "lang" \(fields: id, name, url, language\)/,
    ],
    ["id=verstka,id=v,name=Verstka,url=https://verstka.media,language=ru", /gives id twice/],
    ["verstka", /is not a list of field=value/],
    [
      "id=meduza,name=Meduza English,url=https://meduza.io,language=en",
      /"meduza" is already in the registry as name "Meduza", domains meduza\.io, language ru/,
    ],
    [
      "id=mt,name=MT,url=https://www.themoscowtimes.com/news,language=en",
      /themoscowtimes\.com is already a domain of "moscow-times"/,
    ],
  ])("refuses %j", (spec, message) => {
    expect(() => sourceFromOption(spec, SOURCES)).toThrow(message);
  });
});

describe("appendSourceToRegistry: the operator's file keeps every byte it had", () => {
  const verstka = () =>
    sourceFromOption("id=verstka,name=Verstka: «Вёрстка»,url=verstka.media,language=ru", []).source;
  const registryFile = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), "registry-layout-")), "sources.yaml");
    writeFileSync(file, text);
    return file;
  };
  const LAYOUTS: [string, string][] = [
    [
      "four-space indents, aligned comments, padded flow lists and a folded pattern",
      [
        "# my outlets",
        "sources:",
        "    -   id: meduza          # the main one",
        "        name: Meduza",
        "        domains: [ meduza.io, www.meduza.io ]",
        "        language: ru",
        "        boilerplate:",
        "            patterns:",
        "                - >-",
        "                  ^Подпишитесь на наш",
        "                  телеграм-канал$",
        "",
        "    # a second outlet, added by hand",
        "    -   id: dozhd",
        "        name: 'Дождь'",
        "        domains:",
        "            - tvrain.tv",
        "        language: ru",
        "",
        "# the end of my file",
        "",
      ].join("\n"),
    ],
    [
      "a list at column 0 with a key after it and no newline at the end",
      [
        "sources:",
        "- id: meduza",
        "  name: Meduza",
        "  domains: [meduza.io]",
        "  language: ru",
        "settings_note: keep me",
      ].join("\n"),
    ],
  ];

  it.each(LAYOUTS)("%s", (_name, text) => {
    const file = registryFile(text);
    appendSourceToRegistry(file, verstka(), "added by ingest: check the name");
    const after = readFileSync(file, "utf8");
    // Every line the operator wrote is still there, in order and as written.
    const kept = text.split("\n").filter((line) => line !== "");
    const lines = after.split("\n");
    let at = 0;
    for (const line of kept) {
      const found = lines.indexOf(line, at);
      expect(found, `"${line}" kept as written`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    expect(after.length - text.length).toBeLessThan(200);
    const parsed = parse(after) as {
      sources: { id: string; name: string; domains: string[]; language: string }[];
    };
    const before = parse(text) as { sources: unknown[] } & Record<string, unknown>;
    expect(parsed.sources.slice(0, -1)).toEqual(before.sources);
    expect(parsed.sources.at(-1)).toEqual({
      id: "verstka",
      name: "Verstka: «Вёрстка»",
      domains: ["verstka.media"],
      language: "ru",
    });
    expect({ ...parsed, sources: [] }).toEqual({ ...before, sources: [] });
    expect(after).toContain("# added by ingest: check the name");
  });

  it("adds nothing when the outlet is already there", () => {
    const file = registryFile(LAYOUTS[1]?.[1] as string);
    const meduza = sourceFromOption("id=meduza-2,name=Meduza,url=meduza.io,language=ru", []).source;
    appendSourceToRegistry(file, meduza, "added by ingest");
    expect(readFileSync(file, "utf8")).toBe(LAYOUTS[1]?.[1]);
  });

  it("turns an empty flow list into a list of one", () => {
    const file = registryFile("# nothing yet\nsources: []   # outlets go here\n");
    appendSourceToRegistry(file, verstka(), "added by ingest");
    const after = readFileSync(file, "utf8");
    expect(after.startsWith("# nothing yet\n")).toBe(true);
    expect((parse(after) as { sources: { id: string }[] }).sources.map((s) => s.id)).toEqual(["verstka"]);
  });
});
