import { describe, expect, it } from "vitest";
import { seededRandom } from "../../scripts/bench/random.ts";
import {
  RELATED_WINDOW_DAYS,
  type Relatable,
  relatedArticles,
  relatedLookup,
} from "../../src/site/related.ts";

const article = (id: string, day: string, topics: string[], time = "12:00"): Relatable => ({
  id,
  day,
  date: `${day}T${time}:00Z`,
  topicIds: topics,
});

describe("relatedArticles", () => {
  const subject = article("subject", "2024-03-23", ["mobilization", "kharkiv"]);
  const all = [
    subject,
    article("both-topics", "2024-03-20", ["kharkiv", "mobilization"]),
    article("one-topic-same-day", "2024-03-23", ["kharkiv"]),
    article("one-topic-next-day", "2024-03-24", ["mobilization"]),
    article("no-topic-same-day", "2024-03-23", []),
    article("too-old", "2024-03-01", ["kharkiv", "mobilization"]),
    article("other-topic-other-day", "2024-03-22", ["elections"]),
  ];

  it("ranks by shared topics, then by closeness in days; never lists the article itself", () => {
    expect(relatedArticles(subject, all).map((a) => a.id)).toEqual([
      "both-topics",
      "one-topic-same-day",
      "one-topic-next-day",
      "no-topic-same-day",
    ]);
  });

  it("leaves out articles more than a week away or sharing nothing but the week", () => {
    const ids = relatedArticles(subject, all).map((a) => a.id);
    expect(ids).not.toContain("too-old");
    expect(ids).not.toContain("other-topic-other-day");
  });

  it("breaks ties newest first, then by id, and stops at the limit", () => {
    const tied = [
      subject,
      article("b", "2024-03-23", ["kharkiv"], "09:00"),
      article("a", "2024-03-23", ["kharkiv"], "09:00"),
      article("c", "2024-03-23", ["kharkiv"], "18:00"),
    ];
    expect(relatedArticles(subject, tied).map((a) => a.id)).toEqual(["c", "a", "b"]);
    expect(relatedArticles(subject, tied, 2).map((a) => a.id)).toEqual(["c", "a"]);
  });
});

/** The definition, compared pair by pair: what the filed-by-day lookup must agree with. */
function relatedByDefinition(subject: Relatable, all: readonly Relatable[], limit: number): string[] {
  const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  const topics = new Set(subject.topicIds);
  return all
    .filter((other) => other.id !== subject.id)
    .map((other) => ({
      other,
      shared: other.topicIds.filter((t) => topics.has(t)).length,
      distance: Math.abs(dayNumber(other.day) - dayNumber(subject.day)),
    }))
    .filter((c) => (c.shared > 0 && c.distance <= RELATED_WINDOW_DAYS) || c.distance === 0)
    .sort(
      (a, b) =>
        b.shared - a.shared ||
        a.distance - b.distance ||
        Date.parse(b.other.date) - Date.parse(a.other.date) ||
        (a.other.id < b.other.id ? -1 : 1),
    )
    .slice(0, limit)
    .map((c) => c.other.id);
}

describe("relatedLookup", () => {
  it("agrees with the pair-by-pair definition on a random archive", () => {
    const next = seededRandom(7);
    const topics = ["mobilization", "kharkiv", "elections"];
    const all = Array.from({ length: 600 }, (_, i) => {
      const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(next() * 60))).toISOString().slice(0, 10);
      const hour = String(Math.floor(next() * 24)).padStart(2, "0");
      return article(
        `a${i}`,
        day,
        topics.filter(() => next() < 0.35),
        `${hour}:00`,
      );
    });
    const lookup = relatedLookup(all, 5);
    for (const subject of all)
      expect(
        lookup(subject).map((a) => a.id),
        subject.id,
      ).toEqual(relatedByDefinition(subject, all, 5));
  });
});
