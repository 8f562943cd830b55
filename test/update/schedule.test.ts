import { describe, expect, it } from "vitest";
import type { Subscription } from "../../src/content/subscriptions.ts";
import { DUE_SLACK_MS, isDue, nextPollAt } from "../../src/update/schedule.ts";

const hourly: Subscription = {
  id: "kyiv-news",
  kind: "feed",
  url: "https://kyivindependent.com/feed/",
  outlet: "kyiv-independent",
  every: "1h",
  everyMs: 3_600_000,
  full_text: false,
};
const polledAt = (iso: string, url = hourly.url) => ({ url, last_polled: iso, last_good: {}, failures: 0 });
const at = (iso: string) => new Date(iso);

describe("when a subscription is due", () => {
  it("a subscription never polled is due at once", () => {
    expect(nextPollAt(hourly, undefined)).toBeUndefined();
    expect(isDue(hourly, undefined, at("2026-12-03T10:00:00Z"))).toBe(true);
  });

  it("is due once its interval has passed, less the slack a late cron run needs", () => {
    const state = polledAt("2026-12-03T10:02:00.000Z");
    expect(DUE_SLACK_MS).toBe(300_000);
    expect(nextPollAt(hourly, state)?.toISOString()).toBe("2026-12-03T10:57:00.000Z");
    expect(isDue(hourly, state, at("2026-12-03T10:30:00Z"))).toBe(false);
    expect(isDue(hourly, state, at("2026-12-03T10:56:59Z"))).toBe(false);
    // The hourly workflow's next run, a minute early against the last one: due.
    expect(isDue(hourly, state, at("2026-12-03T11:01:00Z"))).toBe(true);
  });

  it("the slack is at most a tenth of a short interval", () => {
    const quarter = { ...hourly, every: "15m", everyMs: 900_000 };
    expect(nextPollAt(quarter, polledAt("2026-12-03T10:00:00.000Z"))?.toISOString()).toBe(
      "2026-12-03T10:13:30.000Z",
    );
  });

  it("a subscription whose URL changed is due at once", () => {
    const state = polledAt("2026-12-03T10:00:00Z", "https://kyivindependent.com/old-feed/");
    expect(isDue(hourly, state, at("2026-12-03T10:01:00Z"))).toBe(true);
  });
});
