import { slugify } from "../content/ids.ts";
import { REGISTRY_ID } from "../content/schema.ts";

/**
 * Story ids: `YYYY-MM-DD-<words>`, the UTC day of the story's first report and the first words of
 * its title (Cyrillic transliterated by the project's one slugify), so an id says what and when at
 * a glance in a URL (`/stories/2021-11-24-apple-sues-israeli-spyware-firm/`). Ids are made once and
 * never renamed; a clash with an id already taken gets `-2`, `-3`, …
 */

/** Title words kept in an id: enough to recognise the story, short enough for a URL. */
export const STORY_ID_WORDS = 6;
/** Longest id, well under the schema's 120 characters for registry-like ids. */
export const MAX_STORY_ID_LENGTH = 60;

/** Slug of the first {@link STORY_ID_WORDS} words of a title, or "story" when nothing is ASCII-able. */
function titleWords(title: string): string {
  const slug = slugify(title).split("-").filter(Boolean).slice(0, STORY_ID_WORDS).join("-");
  return slug || "story";
}

/** A new story id for a first report, unique among `taken` (which the caller then adds it to). */
export function makeStoryId(date: Date, title: string, taken: ReadonlySet<string>): string {
  const day = Number.isNaN(date.getTime()) ? "undated" : date.toISOString().slice(0, 10);
  let base = `${day}-${titleWords(title)}`;
  if (base.length > MAX_STORY_ID_LENGTH) base = base.slice(0, MAX_STORY_ID_LENGTH).replace(/-[^-]*$/, "");
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  if (!REGISTRY_ID.test(id)) throw new Error(`internal: made an invalid story id "${id}"`);
  return id;
}
