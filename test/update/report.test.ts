import { describe, expect, it } from "vitest";
import {
  type SubscriptionReport,
  updateCounts,
  updateJson,
  updateSummaryLine,
  updateText,
} from "../../src/update/report.ts";

const base = (id: string, kind: SubscriptionReport["kind"] = "feed"): SubscriptionReport => ({
  id,
  kind,
  url: `https://example.org/${id}.xml`,
  status: "unchanged",
  written: [],
  changed: [],
  unchanged: 0,
  duplicate: 0,
  skipped: 0,
  failed: 0,
  notModified: 0,
  fetched: 1,
  problems: [],
  failuresInARow: 0,
});

const report = {
  dryRun: false,
  subscriptions: [
    {
      ...base("kyiv"),
      status: "updated" as const,
      written: ["articles/2026/12/a-1.md", "articles/2026/12/b-2.md"],
      changed: ["articles/2026/11/c-3.md"],
      unchanged: 18,
    },
    { ...base("mt"), notModified: 1 },
    {
      ...base("tass"),
      status: "failed" as const,
      fetched: 0,
      problems: [
        "failed: https://example.org/tass.xml: HTTP 503 Service Unavailable: the server failed. Try again later. (gave up after 4 attempts)",
      ],
      failuresInARow: 3,
      lastSuccess: "2026-12-02T10:00:00.000Z",
    },
    {
      ...base("novaya", "page"),
      status: "not-due" as const,
      fetched: 0,
      nextPoll: "2026-12-03T06:00:00.000Z",
    },
  ],
};

describe("the update's summary", () => {
  it("says per subscription what was new, unchanged, or failed and why, then sums up", () => {
    expect(updateText(report).split("\n")).toEqual([
      "kyiv (feed): updated: 2 new, 1 changed, 18 unchanged",
      "  wrote articles/2026/12/a-1.md",
      "  wrote articles/2026/12/b-2.md",
      "  rewrote articles/2026/11/c-3.md",
      "mt (feed): unchanged: 0 new, 0 unchanged, 1 not modified (not read again)",
      "tass (feed): failed: 0 new, 0 unchanged",
      "  failed: https://example.org/tass.xml: HTTP 503 Service Unavailable: the server failed. Try again later. (gave up after 4 attempts)",
      "  3 failures in a row; the state of the last good poll (2026-12-02T10:00:00.000Z) is kept",
      "novaya (page): not due (next poll from 2026-12-03T06:00:00.000Z)",
      "2 new articles (and 1 changed) from 3 subscriptions polled: 1 updated, 1 unchanged, 1 failed; 1 not due",
    ]);
  });

  it("counts statuses and articles, for the JSON report and the workflow's commit message", () => {
    expect(updateCounts(report)).toEqual({
      updated: 1,
      unchanged: 1,
      failed: 1,
      "not-due": 1,
      written: 2,
      changed: 1,
    });
    const json = updateJson(report);
    expect(json.counts.written).toBe(2);
    expect(json.subscriptions.map((s) => [s.id, s.status, s.new])).toEqual([
      ["kyiv", "updated", 2],
      ["mt", "unchanged", 0],
      ["tass", "failed", 0],
      ["novaya", "not-due", 0],
    ]);
  });

  it("a dry run says what would be written", () => {
    expect(updateSummaryLine({ ...report, dryRun: true })).toMatch(
      /^2 new articles \(and 1 changed\) would be written from 3/,
    );
  });

  it("no subscription: says where they go", () => {
    expect(updateText({ dryRun: false, subscriptions: [] })).toMatch(/registry\/subscriptions\.yaml/);
  });
});
