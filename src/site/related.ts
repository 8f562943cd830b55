/**
 * Related articles for an article page: reports on the same topics from the same days, so a
 * reader (or an analyst comparing outlets) can follow a story across sources.
 */

export interface Relatable {
  id: string;
  date: string;
  day: string;
  topicIds: readonly string[];
}

/** How far apart two articles may be published and still be related: a news week. */
export const RELATED_WINDOW_DAYS = 7;
/** How many related articles an article page lists. */
export const RELATED_LIMIT = 5;

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

interface Candidate<T> {
  other: T;
  shared: number;
  distance: number;
  time: number;
}

/**
 * Whether a candidate ranks before `than`: most shared topics first, then closest in days, then
 * newest, then by id, so the order never depends on input order. Taken field by field, so a
 * candidate that does not make the list is never made.
 */
const ranksBefore = <T extends Relatable>(
  shared: number,
  distance: number,
  time: number,
  id: string,
  than: Candidate<T>,
) =>
  shared !== than.shared
    ? shared > than.shared
    : distance !== than.distance
      ? distance < than.distance
      : time !== than.time
        ? time > than.time
        : id < than.other.id;

/**
 * A lookup of related articles over `all`: for an article, the others that share at least one topic
 * and were published within {@link RELATED_WINDOW_DAYS} days, or that were published the same day,
 * ranked by {@link ranksBefore} and cut at `limit`.
 *
 * Articles are filed by day once, and each lookup walks outward from the article's own day, stopping
 * as soon as `limit` articles sharing every one of its topics are found (nothing farther away can
 * outrank them). A site of n articles costs about n × (articles per day) comparisons, not n².
 */
export function relatedLookup<T extends Relatable>(
  all: readonly T[],
  limit = RELATED_LIMIT,
): (article: Relatable) => T[] {
  const byDay = new Map<number, { item: T; time: number }[]>();
  for (const item of all) {
    const day = dayNumber(item.day);
    const list = byDay.get(day) ?? [];
    list.push({ item, time: Date.parse(item.date) });
    byDay.set(day, list);
  }
  return (article) => {
    const topics = new Set(article.topicIds);
    const day = dayNumber(article.day);
    // The best `limit` so far, best first (a build looks up every article: the others are not kept).
    const best: Candidate<T>[] = [];
    let sharingAll = 0;
    for (let distance = 0; distance <= RELATED_WINDOW_DAYS; distance++) {
      for (const d of distance === 0 ? [day] : [day - distance, day + distance]) {
        for (const { item, time } of byDay.get(d) ?? []) {
          if (item.id === article.id) continue;
          let shared = 0;
          for (const t of item.topicIds) if (topics.has(t)) shared++;
          if (shared === 0 && distance > 0) continue;
          if (shared === topics.size) sharingAll++;
          const last = best[best.length - 1];
          if (best.length === limit && last && !ranksBefore(shared, distance, time, item.id, last)) continue;
          let at = best.length;
          while (at > 0 && ranksBefore(shared, distance, time, item.id, best[at - 1] as Candidate<T>)) at--;
          best.splice(at, 0, { other: item, shared, distance, time });
          if (best.length > limit) best.pop();
        }
      }
      // Past the same day only shared topics relate; with none to share, nothing farther can.
      if (topics.size === 0 || sharingAll >= limit) break;
    }
    return best.map((c) => c.other);
  };
}

/** Related articles of one article among `all` (see {@link relatedLookup}). */
export function relatedArticles<T extends Relatable>(
  article: Relatable,
  all: readonly T[],
  limit = RELATED_LIMIT,
): T[] {
  return relatedLookup(all, limit)(article);
}
