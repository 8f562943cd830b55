import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { writeFileAtomic } from "../ingest/write.ts";

/**
 * What `npm run update` remembers between runs, per subscription: when it was last polled, what
 * its last good poll read (the sha256 of each URL it fetched), and its failures in a row. It is
 * committed beside the articles (`state/subscriptions.json`): the scheduled workflow starts from a
 * fresh checkout, and a subscription's health belongs in the same history as what it brought.
 * Losing it is harmless: every subscription is then due, and ingest finds its articles unchanged.
 */

export const DEFAULT_STATE_FILE = "state/subscriptions.json";

const IsoDate = z.iso.datetime({ offset: true });

const SubscriptionStateSchema = z.object({
  url: z.string(),
  last_polled: IsoDate.optional(),
  /** The last poll that read everything it fetched and ingested it without a failed item. */
  last_success: IsoDate.optional(),
  /** Per URL fetched (the feed, the page, or each feed an OPML file lists): sha256 of the bytes last ingested whole. */
  last_good: z.record(z.string(), z.string()).default({}),
  failures: z.number().int().nonnegative().default(0),
  last_error: z.string().optional(),
});

export type SubscriptionState = z.output<typeof SubscriptionStateSchema>;

const StateSchema = z.object({ subscriptions: z.record(z.string(), SubscriptionStateSchema).default({}) });
export type UpdateState = z.output<typeof StateSchema>;

/** A state file that is missing, unreadable or of another shape: the reason, and an empty state. */
export class StateFileError extends Error {
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(
      `${file}: ${problem}. Every subscription is polled as if new; delete the file to silence this.`,
      options,
    );
    this.name = "StateFileError";
  }
}

/** Reads the state file; a missing one is an empty state, a broken one throws {@link StateFileError}. */
export function readState(file: string): UpdateState {
  if (!existsSync(file)) return { subscriptions: {} };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new StateFileError(file, `is not JSON (${(cause as Error).message})`, { cause });
  }
  const parsed = StateSchema.safeParse(data);
  if (!parsed.success)
    throw new StateFileError(
      file,
      `is not a state file (${parsed.error.issues[0]?.message ?? "wrong shape"})`,
    );
  return parsed.data;
}

/** The state as its file holds it: keys sorted, so a run that changes nothing writes the same bytes. */
export function stateText(state: UpdateState): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
  return `${JSON.stringify(sorted(state), null, 2)}\n`;
}

/** Writes the state atomically, only when its text changes; returns whether it wrote. */
export function writeState(file: string, state: UpdateState): boolean {
  const text = stateText(state);
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  writeFileAtomic(file, text);
  return true;
}
