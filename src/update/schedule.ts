import type { Subscription } from "../content/subscriptions.ts";
import type { SubscriptionState } from "./state.ts";

/**
 * When a subscription is due. A scheduled workflow does not start on the minute: GitHub's cron
 * runs late by a few minutes, more at busy hours. Without slack, a feed polled every hour by an
 * hourly workflow would be found 59 minutes old and wait a second hour.
 */

/** How much earlier than its interval a subscription counts as due: at most 5 minutes, and a tenth of the interval. */
export const DUE_SLACK_MS = 5 * 60 * 1000;

/** The earliest time the subscription is due again; undefined when it was never polled (due now). */
export function nextPollAt(
  subscription: Subscription,
  state: SubscriptionState | undefined,
): Date | undefined {
  if (!state?.last_polled || state.url !== subscription.url) return undefined;
  const slack = Math.min(DUE_SLACK_MS, subscription.everyMs / 10);
  return new Date(Date.parse(state.last_polled) + subscription.everyMs - slack);
}

/** Whether the subscription should be polled at `now`: never polled, its URL changed, or its interval has passed. */
export function isDue(subscription: Subscription, state: SubscriptionState | undefined, now: Date): boolean {
  const next = nextPollAt(subscription, state);
  return next === undefined || now.getTime() >= next.getTime();
}
