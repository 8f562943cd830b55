import { describe, expect, it } from "vitest";
import { type Relatable, relatedArticles } from "../../src/site/related.ts";

const article = (id: string, day: string, topics: string[], time = "12:00"): Relatable => ({
  id,
  day,
  date: `${day}T${time}:00Z`,
  topics: topics.map((t) => ({ id: t })),
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
