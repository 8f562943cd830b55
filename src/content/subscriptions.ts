import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { REGISTRY_DIR } from "../project.ts";
import { ContentError, ContentErrors } from "./errors.ts";
import { REGISTRY_ID } from "./schema.ts";

/**
 * The subscriptions registry (`registry/subscriptions.yaml`): what `npm run update` polls — feeds,
 * pages and OPML lists of feeds — each with its outlet, how often and whether to fetch full text.
 * Validated when loaded, like the other registry files: every problem names the file, the line and
 * the fix.
 */

/** What a subscription polls: one feed, one page (re-read when it changes), or the feeds an OPML file lists. */
export const SUBSCRIPTION_KINDS = ["feed", "page", "opml"] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/**
 * The shortest interval a subscription may ask for. Outlets publish a few items an hour at most, and
 * the scheduled workflow runs every 30 minutes (.github/workflows/update.yml): polling more often
 * than this would only ask outlets the same question again.
 */
export const MIN_INTERVAL_MS = 15 * 60 * 1000;

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const INTERVAL = /^(\d+)\s*([mhd])$/;

/** Milliseconds of an interval written `30m`, `2h` or `1d`; undefined when it is not one. */
export function intervalMs(text: string): number | undefined {
  const match = INTERVAL.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

const FIELDS = ["id", "kind", "url", "outlet", "every", "full_text"];

const SubscriptionSchema = z.strictObject(
  {
    id: z.string().regex(REGISTRY_ID, "is not an id (lowercase ASCII letters, digits and hyphens)"),
    kind: z.enum(SUBSCRIPTION_KINDS, {
      error: `is not a kind of subscription (known: ${SUBSCRIPTION_KINDS.join(", ")})`,
    }),
    url: z.url({ protocol: /^https?$/, error: "is not an http(s) URL" }),
    /** Outlet id from sources.yaml; an OPML list may leave it out (each article's outlet is then found from its URL). */
    outlet: z.string().regex(REGISTRY_ID, "is not an outlet id").optional(),
    every: z.string().superRefine((text, ctx) => {
      const ms = intervalMs(text);
      if (ms === undefined)
        ctx.addIssue({
          code: "custom",
          message: 'is not an interval (a whole number and a unit: "30m", "2h", "1d")',
        });
      else if (ms < MIN_INTERVAL_MS)
        ctx.addIssue({
          code: "custom",
          message: `is shorter than ${MIN_INTERVAL_MS / 60_000} minutes (MIN_INTERVAL_MS in src/content/subscriptions.ts)`,
        });
    }),
    full_text: z.boolean({ error: "must be true or false" }).default(false),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")} (known: ${FIELDS.join(", ")})`
        : undefined,
  },
);

/** One subscription as loaded: `every` also in milliseconds. */
export type Subscription = z.output<typeof SubscriptionSchema> & { everyMs: number };

/** The registry file `npm run update` reads. */
export const subscriptionsFile = (registryDir = REGISTRY_DIR) => join(registryDir, "subscriptions.yaml");

function readYaml(file: string): {
  data: unknown;
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
} {
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new ContentErrors([
      new ContentError({
        file: line ? `${file}:${line}` : file,
        problem: `is not valid YAML (${first.message.split("\n")[0]})`,
        fix: "Fix the YAML syntax at the line named.",
      }),
    ]);
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    const keys = path.filter((p): p is string | number => typeof p !== "symbol");
    for (let depth = keys.length; depth > 0; depth--) {
      const node = doc.getIn(keys.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { data: doc.toJS() ?? {}, lineOf };
}

/**
 * Loads and validates `subscriptions.yaml`. Ids must be unique, and so must URLs (one feed polled
 * twice would race itself); with `knownOutlets`, every outlet must be one of them. A missing file
 * is an empty list: a fresh clone has nothing to poll yet.
 */
export function loadSubscriptions(
  file = subscriptionsFile(),
  knownOutlets?: ReadonlySet<string>,
): Subscription[] {
  if (!existsSync(file)) return [];
  const { data, lineOf } = readYaml(file);
  const parsed = z
    .strictObject({ subscriptions: z.array(SubscriptionSchema).nullable().default([]) })
    .safeParse(data);
  const at = (path: readonly PropertyKey[]) => {
    const line = lineOf(path);
    return line ? `${file}:${line}` : file;
  };
  if (!parsed.success)
    throw new ContentErrors(
      parsed.error.issues.map(
        (issue) =>
          new ContentError({
            // An unknown field is shown at its own line, not at the start of its subscription.
            file: at(
              issue.code === "unrecognized_keys" ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path,
            ),
            field: issue.path.map(String).join("."),
            problem: issue.message,
            fix: "Fix this subscription (the file's header shows the format).",
          }),
      ),
    );
  const problems: ContentError[] = [];
  const ids = new Map<string, number>();
  const urls = new Map<string, number>();
  const list = parsed.data.subscriptions ?? [];
  list.forEach((subscription, index) => {
    const path = (field: string) => ["subscriptions", index, field];
    const earlierId = ids.get(subscription.id);
    if (earlierId !== undefined)
      problems.push(
        new ContentError({
          file: at(path("id")),
          field: `subscriptions.${index}.id`,
          problem: `"${subscription.id}" is already the id of subscriptions.${earlierId}`,
          fix: "Give each subscription its own id.",
        }),
      );
    ids.set(subscription.id, index);
    const earlierUrl = urls.get(subscription.url);
    if (earlierUrl !== undefined)
      problems.push(
        new ContentError({
          file: at(path("url")),
          field: `subscriptions.${index}.url`,
          problem: `${subscription.url} is already polled by subscriptions.${earlierUrl}`,
          fix: "Keep one subscription per URL.",
        }),
      );
    urls.set(subscription.url, index);
    if (subscription.outlet === undefined && subscription.kind !== "opml")
      problems.push(
        new ContentError({
          file: at(["subscriptions", index]),
          field: `subscriptions.${index}.outlet`,
          problem: `is missing: a ${subscription.kind} needs its outlet`,
          fix: "Add `outlet: ID` with an id from sources.yaml.",
        }),
      );
    if (subscription.outlet !== undefined && knownOutlets && !knownOutlets.has(subscription.outlet))
      problems.push(
        new ContentError({
          file: at(path("outlet")),
          field: `subscriptions.${index}.outlet`,
          problem: `"${subscription.outlet}" is not an outlet in sources.yaml (known: ${[...knownOutlets].join(", ")})`,
          fix: "Use a known outlet id, or add the outlet to sources.yaml first.",
        }),
      );
  });
  if (problems.length > 0) throw new ContentErrors(problems);
  return list.map((subscription) => ({ ...subscription, everyMs: intervalMs(subscription.every) as number }));
}
