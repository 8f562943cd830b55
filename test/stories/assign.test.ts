import { describe, expect, it } from "vitest";
import { REGISTRY_ID } from "../../src/content/schema.ts";
import {
  assignStories,
  type ExistingReport,
  existingWindow,
  MIN_SHARED_TERMS,
  type ReportFeatures,
  reportFeatures,
  STORY_WINDOW_DAYS,
  StoryIndex,
  StoryInputError,
  type StoryReport,
} from "../../src/stories/assign.ts";

/** A headline-only brief (as ingest makes of a headline), dated on a day of March 2024. */
function brief(id: string, title: string, day: number, extra: Partial<StoryReport> = {}): StoryReport {
  return {
    id,
    url: `https://${id}.example/news/${id}`,
    source: id.split("-")[0] ?? id,
    language: "en",
    date: `2024-03-${String(day).padStart(2, "0")}T09:00:00+00:00`,
    title,
    ...extra,
  };
}

const WIRE =
  "A Russian missile strike on Kharkiv killed four people and wounded 17 on Friday, the regional governor Oleh Syniehubov said.";

/** Unrelated reports, so that IDF has something to compare with. */
const BACKGROUND: StoryReport[] = [
  brief("bg-1", "Central bank holds interest rates at 5.25% as inflation slows", 20),
  brief("bg-2", "Heavy snow closes mountain passes in the Alps", 20),
  brief("bg-3", "Football club appoints new manager after poor run of results", 21),
  brief("bg-4", "Scientists map the genome of an ancient wheat variety", 21),
];

describe("story assignment", () => {
  it("records a wire copy as a near-duplicate of the first report, with its URL, in the same story", () => {
    const [first, copy] = assignStories(
      [],
      [
        brief("reuters-1", "Russian missile strike on Kharkiv kills four", 22, { summary: WIRE }),
        brief("yahoo-1", "Russian missile strike on Kharkiv kills four", 22, {
          summary: WIRE,
          date: "2024-03-22T10:00:00+00:00",
        }),
      ],
    );
    expect(first?.outcome).toBe("new");
    expect(copy?.outcome).toBe("duplicate");
    expect(copy?.story).toBe(first?.story);
    expect(copy?.duplicateOf).toEqual(["reuters-1"]);
    expect(copy?.duplicates).toEqual(["https://reuters-1.example/news/reuters-1"]);
  });

  it("treats an outlet's update (the same text with a paragraph added) as a duplicate", () => {
    const [, update] = assignStories(
      [],
      [
        brief("ap-1", "Missile strike on Kharkiv", 22, { body: WIRE }),
        brief("ap-2", "Missile strike on Kharkiv", 22, {
          body: `${WIRE} Rescue workers were still searching the rubble of a five-storey building in the evening.`,
          date: "2024-03-22T15:00:00+00:00",
        }),
      ],
    );
    expect(update?.outcome).toBe("duplicate");
  });

  it("joins reports of one event by other outlets in their own words, with the shared terms as evidence", () => {
    const out = assignStories(BACKGROUND, [
      brief("guardian-1", "Russian missile strike kills four in Kharkiv, governor says", 22),
      brief("bbc-1", "Kharkiv: four killed as Russian missiles hit apartment block", 22),
      brief("cnn-1", "Russian strike on Kharkiv apartment block kills four, wounds 17", 23),
    ]);
    expect(out.map((a) => a.outcome)).toEqual(["new", "joined", "joined"]);
    expect(new Set(out.map((a) => a.story)).size).toBe(1);
    const evidence = out[2]?.evidence;
    expect(evidence?.matched).toBeDefined();
    expect(evidence?.terms.length).toBeGreaterThanOrEqual(MIN_SHARED_TERMS);
    expect(evidence?.terms).toEqual(expect.arrayContaining(["Kharkiv", "four"]));
    expect(evidence?.score).toBeGreaterThan(0);
  });

  it("starts a new story for a different event, even on the same subject", () => {
    const out = assignStories(BACKGROUND, [
      brief("a-guardian", "Russian missile strike kills four in Kharkiv, governor says", 22),
      brief("b-bbc", "Kharkiv: four killed as Russian missiles hit apartment block", 22),
      brief("c-ft", "Ukraine's parliament passes new mobilisation law lowering draft age", 22),
      brief(
        "d-kyivindependent",
        "Kharkiv metro stations reopen to passengers after two years as shelters",
        22,
      ),
    ]);
    expect(out.map((a) => a.outcome)).toEqual(["new", "joined", "new", "new"]);
    expect(new Set(out.map((a) => a.story)).size).toBe(3);
  });

  it("leaves a story closed once it has had no report for the time window", () => {
    const late = 22 + STORY_WINDOW_DAYS + 2;
    const out = assignStories(BACKGROUND, [
      brief("guardian-1", "Russian missile strike kills four in Kharkiv, governor says", 22),
      brief("bbc-1", "Russian missile strike kills four in Kharkiv, governor says", late),
    ]);
    expect(out[1]?.outcome).toBe("new");
    expect(out[1]?.story).not.toBe(out[0]?.story);
  });

  it("makes URL-safe ids from the first report's day and title, Cyrillic transliterated, unique", () => {
    const out = assignStories(
      [],
      [
        brief("ukrpravda-1", "Обстріл Харкова: загинули четверо людей", 22, { language: "uk" }),
        brief("bbc-1", "Ceasefire talks open in Geneva", 22),
      ],
    );
    expect(out.find((a) => a.id === "ukrpravda-1")?.story).toBe(
      "2024-03-22-obstril-kharkova-zahynuly-chetvero-lyudey",
    );
    for (const a of out) expect(a.story).toMatch(REGISTRY_ID);

    // Two stories of one day whose first titles slug alike (kept apart here by a zero-day window).
    const index = new StoryIndex({ windowDays: 0 });
    const first = index.assign(brief("x-1", "Talks open in Geneva", 22));
    const second = index.assign({
      ...brief("y-1", "Talks open in Geneva!", 22),
      date: "2024-03-22T18:00:00+00:00",
    });
    expect(first.story).toBe("2024-03-22-talks-open-in-geneva");
    expect(second.story).toBe("2024-03-22-talks-open-in-geneva-2");
  });

  it("never renames a story when more reports arrive, or when the archive is indexed again", () => {
    const first = [
      brief("guardian-1", "Russian missile strike kills four in Kharkiv, governor says", 22),
      brief("bbc-1", "Kharkiv: four killed as Russian missiles hit apartment block", 22),
    ];
    const before = assignStories(BACKGROUND, first);
    const story = before[0]?.story as string;

    // What ingest writes: the articles with their story ids.
    const existing: ExistingReport[] = [
      ...BACKGROUND.map((r, i) => ({ ...r, story: `background-${i}` })),
      ...first.map((r, i) => ({ ...r, story: before[i]?.story })),
    ];
    const later = assignStories(existing, [
      // An earlier-dated report that arrives late must not take the story over.
      brief("kyivindependent-1", "Russian missiles hit Kharkiv apartment block, four killed", 21),
      brief("cnn-1", "Russian strike on Kharkiv apartment block kills four, wounds 17", 23),
    ]);
    expect(later.map((a) => a.story)).toEqual([story, story]);
    expect(later.map((a) => a.outcome)).toEqual(["joined", "joined"]);
  });

  it("never reuses a story id that ingest says is taken, and says which existing articles it needs", () => {
    const taken = ["2024-03-22-talks-open-in-geneva", "2024-03-22-talks-open-in-geneva-2"];
    const [a] = assignStories([], [brief("x-1", "Talks open in Geneva", 22)], { takenStoryIds: taken });
    expect(a?.story).toBe("2024-03-22-talks-open-in-geneva-3");
    const window = existingWindow([brief("x-1", "Talks", 22), brief("y-1", "Talks", 24)]);
    expect(window?.from.toISOString()).toBe(`2024-03-${22 - 2 * STORY_WINDOW_DAYS}T09:00:00.000Z`);
    expect(window?.to.toISOString()).toBe(`2024-03-${24 + STORY_WINDOW_DAYS}T09:00:00.000Z`);
  });

  it("is deterministic: the same reports give the same assignments, in any order within a batch", () => {
    const reports = [
      ...BACKGROUND,
      brief("guardian-1", "Russian missile strike kills four in Kharkiv, governor says", 22),
      brief("bbc-1", "Kharkiv: four killed as Russian missiles hit apartment block", 22),
      brief("ft-1", "Ukraine's parliament passes new mobilisation law lowering draft age", 22),
      brief("cnn-1", "Russian strike on Kharkiv apartment block kills four, wounds 17", 23),
    ];
    const once = assignStories([], reports);
    expect(assignStories([], reports)).toEqual(once);
    expect(assignStories([], [...reports].reverse())).toEqual(once);
  });

  it("joins reports in other languages through the alias table and shared numbers", () => {
    const aliases = new Map([
      ["Kharkiv", "kharkiv"],
      ["Харків", "kharkiv"],
      ["Харкові", "kharkiv"],
      ["Харкова", "kharkiv"],
      ["Syniehubov", "syniehubov"],
      ["Синєгубов", "syniehubov"],
    ]);
    const reports = [
      ...BACKGROUND,
      brief("kyivindependent-1", "Russian strike on Kharkiv kills 4, injures 17, Syniehubov says", 22),
      brief("suspilne-1", "Удар по Харкову: 4 загиблих, 17 поранених, — Синєгубов", 22, {
        language: "uk",
        title: "Удар по Харкова: 4 загиблих, 17 поранених, — Синєгубов",
      }),
    ];
    const withAliases = assignStories([], reports, { aliases });
    expect(withAliases.at(-1)?.outcome).toBe("joined");
    expect(withAliases.at(-1)?.evidence.terms).toEqual(
      expect.arrayContaining(["Харкова", "Синєгубов", "17"]),
    );
    expect(assignStories([], reports).at(-1)?.outcome).toBe("new");
  });

  it("keeps the same kind of event in two different places apart when both are tagged with places", () => {
    const out = assignStories(BACKGROUND, [
      brief("reuters-1", "Police arrest couple who fled Covid quarantine hotel", 22, {
        places: ["netherlands"],
      }),
      brief("abc-1", "Police arrest couple who fled Covid quarantine hotel", 23, {
        places: ["australia"],
        title: "Police arrest couple that escaped Covid quarantine hotel",
      }),
    ]);
    expect(out[1]?.outcome).toBe("new");
  });

  it("decides the same from features another thread made (cloned across), and uses them", () => {
    const aliases = new Map([
      ["Kharkiv", "kharkiv"],
      ["Харків", "kharkiv"],
    ]);
    const reports = [
      ...BACKGROUND,
      brief("reuters-1", "Russian missile strike on Kharkiv kills four", 22, { summary: WIRE }),
      brief("yahoo-1", "Russian missile strike on Kharkiv kills four", 22, {
        summary: WIRE,
        date: "2024-03-22T10:00:00+00:00",
      }),
      brief("ukr-1", "Ракетний удар по Харкову: четверо загиблих, 17 поранених", 22),
    ];
    const normalised = new StoryIndex({ aliases }).normalisedAliases;
    const made = new Map(reports.map((r) => [r.id, structuredClone(reportFeatures(r, normalised))]));
    const here = assignStories([], reports, { aliases });
    expect(assignStories([], reports, { aliases }, made)).toEqual(here);
    expect(here.find((a) => a.id === "yahoo-1")?.outcome).toBe("duplicate");
    // Given another report's features, the copy is read as that report (a copy of it): they decide.
    made.set("yahoo-1", made.get("bg-2") as ReportFeatures);
    const misread = assignStories([], reports, { aliases }, made).find((a) => a.id === "yahoo-1");
    expect(misread?.duplicateOf).toEqual(["bg-2"]);
  });

  it("names the report when a date is invalid or an id is assigned twice", () => {
    const index = new StoryIndex();
    expect(() => index.assign(brief("bad-1", "Talks", 22, { date: "2024-02-30T00:00:00Z" }))).toThrow(
      StoryInputError,
    );
    expect(() => index.assign(brief("bad-1", "Talks", 22, { date: "2024-02-30T00:00:00Z" }))).toThrow(
      /bad-1/,
    );
    index.assign(brief("ok-1", "Talks", 22));
    expect(() => index.assign(brief("ok-1", "Talks", 22))).toThrow(/already indexed/);
  });
});
