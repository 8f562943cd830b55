import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlaces } from "../../src/content/places.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { describeWatch, loadWatches, matchesWatch, parseWatch } from "../../src/content/watches.ts";
import { errorsOf, tempFile } from "../helpers/registry-files.ts";

const place = (id: string, extra = "", names = `["${id}"]`) => `  - id: ${id}
    kind: country
    labels: { en: ${id} }
${extra}    terms:
      en: ${names}
`;

describe("the place registry", () => {
  it("loads the project's places, Kharkiv within Ukraine", () => {
    const registries = loadRegistries();
    expect(registries.placeById.get("kharkiv")?.within).toBe("ukraine");
    expect(registries.placeById.get("russia")?.labels.ru).toBe("Россия");
    expect(registries.places.every((p) => p.threshold > 0)).toBe(true);
  });
  it("is empty when the file is missing", () => {
    expect(loadPlaces(join(mkdtempSync(join(tmpdir(), "registry-")), "places.yaml"))).toEqual([]);
  });
  it("names the line of an unknown `within`, a loop, a duplicate id and a name claimed twice", () => {
    const file = tempFile(
      "places.yaml",
      `places:\n${place("a", "    within: nowhere\n")}${place("b", "    within: c\n")}${place("c", "    within: b\n")}${place("a")}${place("d", "", '["A"]')}`,
    );
    const messages = errorsOf(() => loadPlaces(file)).join("\n");
    expect(messages).toContain(`${file}:20:`);
    expect(messages).toContain('"a" is already the id of another place');
    expect(messages).toContain('name "A" is also a name of place "a"');
    expect(messages).toMatch(new RegExp(`${file}:5:.*"nowhere" is not a place`));
    expect(messages).toContain("makes a loop (b → c → b)");
  });
  it("refuses an unknown kind with the kinds it knows", () => {
    const file = tempFile("places.yaml", `places:\n${place("a").replace("country", "planet")}`);
    expect(errorsOf(() => loadPlaces(file)).join()).toMatch(/:3:.*kind.*country.*region.*city/s);
  });
});

const known = {
  topics: new Set(["elections", "kharkiv", "mobilization"]),
  places: new Set(["russia", "kharkiv", "belarus"]),
};
const resolveIn = (ref: string) => {
  const [kind, id] = ref.includes(":") ? ref.split(":") : [undefined, ref];
  if (kind === "place" || (!kind && known.places.has(id as string) && !known.topics.has(id as string)))
    return { op: "place" as const, id: id as string };
  return { op: "topic" as const, id: id as string };
};

describe("watch expressions", () => {
  it("binds NOT tighter than AND, and AND tighter than OR", () => {
    const e = parseWatch("elections AND russia OR NOT belarus", resolveIn);
    expect(e).toEqual({
      op: "or",
      of: [
        {
          op: "and",
          of: [
            { op: "topic", id: "elections" },
            { op: "place", id: "russia" },
          ],
        },
        { op: "not", of: { op: "place", id: "belarus" } },
      ],
    });
    const name = (r: { op: string; id?: string }) => `${r.op}:${r.id}`;
    expect(describeWatch(e, name as never)).toBe("(topic:elections and place:russia) or not place:belarus");
  });
  it("groups with parentheses and matches an article's topics and places", () => {
    const e = parseWatch("elections AND (russia OR belarus) AND NOT topic:kharkiv", resolveIn);
    const at = (topics: string[], places: string[]) =>
      matchesWatch(e, { topics: new Set(topics), places: new Set(places) });
    expect(at(["elections"], ["belarus"])).toBe(true);
    expect(at(["elections"], ["russia", "kharkiv"])).toBe(true);
    expect(at(["elections", "kharkiv"], ["russia"])).toBe(false);
    expect(at(["mobilization"], ["russia"])).toBe(false);
    expect(at(["elections"], [])).toBe(false);
  });
  it.each([
    ["elections AND", "ends where a topic, a place, NOT or ( is expected", 13],
    ["(elections OR russia", 'has a "(" that is never closed', 20],
    ["elections russia", 'has "russia" where AND, OR or the end is expected', 10],
    ["elections and russia", "write the operators in capitals", 10],
    ["elections & russia", 'unexpected "&"', 10],
    ["AND russia", 'has "AND" where a topic or place is expected', 0],
  ])("refuses %j: %s", (text, message, offset) => {
    try {
      parseWatch(text, resolveIn);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain(message);
      expect((error as { offset: number }).offset).toBe(offset);
    }
  });
});

describe("the watch registry", () => {
  const watch = (id: string, match: string) => `  - id: ${id}\n    label: ${id}\n    match: "${match}"\n`;
  it("resolves ids to topics and places, with a prefix for an id that is both", () => {
    const file = tempFile(
      "watches.yaml",
      `watches:\n${watch("a", "elections AND russia")}${watch("b", "place:kharkiv AND mobilization")}`,
    );
    const [a, b] = loadWatches(file, known);
    expect(a?.expression).toEqual({
      op: "and",
      of: [
        { op: "topic", id: "elections" },
        { op: "place", id: "russia" },
      ],
    });
    expect(b?.expression).toEqual({
      op: "and",
      of: [
        { op: "place", id: "kharkiv" },
        { op: "topic", id: "mobilization" },
      ],
    });
  });
  it("names the line and the problem: unknown ids, an ambiguous id, a bad prefix, a duplicate id", () => {
    const file = tempFile(
      "watches.yaml",
      `watches:\n${watch("a", "elections AND moldova")}${watch("b", "kharkiv")}${watch("c", "city:kharkiv")}${watch("a", "topic:russia")}`,
    );
    const messages = errorsOf(() => loadWatches(file, known)).join("\n");
    expect(messages).toMatch(new RegExp(`${file}:4:.*"moldova", which is neither a topic .* nor a place`));
    expect(messages).toMatch(
      new RegExp(`${file}:7:.*both a topic and a place: write topic:kharkiv or place:kharkiv`),
    );
    expect(messages).toContain('has "city:kharkiv": a prefix is topic: or place:');
    expect(messages).toContain('"a" is already the id of another watch');
    expect(messages).toContain('has "topic:russia", but "russia" is not a topic');
  });
  it("is empty when the file is missing, and the project's watches load", () => {
    expect(loadWatches(join(mkdtempSync(join(tmpdir(), "registry-")), "watches.yaml"), known)).toEqual([]);
    expect(() => loadRegistries()).not.toThrow();
  });
});
