import type { Place } from "../content/places.ts";
import type { TopicEvidence } from "../content/schema.ts";
import { compileTopics, type Field, type TagResult, type TopicMatcher, tagArticle } from "./tag.ts";

/**
 * Place tagging: the places an article is about, with evidence, by the topic matcher
 * (src/ingest/tag.ts) run over each place's names. A place the article is about makes the article
 * about the places it lies in (`within`): an article about Kharkiv is about Ukraine too, and its
 * evidence for Ukraine is Kharkiv's (the names that matched), so it stays explainable.
 */

export interface PlaceTagger {
  matchers: TopicMatcher[];
  /** Place id → the place it lies in. */
  within: Map<string, string>;
  /** Place ids in registry order. */
  order: string[];
}

export interface PlaceTags {
  places: string[];
  evidence: Record<string, TopicEvidence>;
}

/** Compiles the place registry once per run. */
export function compilePlaces(places: readonly Place[]): PlaceTagger {
  return {
    matchers: compileTopics(places),
    within: new Map(places.flatMap((p) => (p.within ? [[p.id, p.within] as const] : []))),
    order: places.map((p) => p.id),
  };
}

/** Tags the places of an article's title, summary and body. Pure. */
export function tagPlaces(fields: Record<Field, string>, tagger: PlaceTagger): PlaceTags {
  if (tagger.matchers.length === 0) return { places: [], evidence: {} };
  return withContainers(tagArticle(fields, tagger.matchers), tagger);
}

/** Places named in an article, with the places they lie in, in registry order. */
function withContainers(direct: TagResult, tagger: PlaceTagger): PlaceTags {
  const evidence: Record<string, TopicEvidence> = { ...direct.evidence };
  for (const id of direct.topics) {
    const own = direct.evidence[id] as TopicEvidence;
    for (let up = tagger.within.get(id); up !== undefined; up = tagger.within.get(up)) {
      // A place named in its own right keeps its own evidence; else its strongest named part's.
      if (up in direct.evidence) continue;
      const inherited = evidence[up];
      if (!inherited || inherited.score < own.score) evidence[up] = structuredClone(own);
    }
  }
  const places = tagger.order.filter((id) => id in evidence);
  return { places, evidence: Object.fromEntries(places.map((id) => [id, evidence[id] as TopicEvidence])) };
}

/** Marks a place's id among topics' in one matcher list (a topic and a place may share an id). */
const PLACE = "place:";

/** Topic matchers and place matchers as one list, made once per pair. */
const together = new WeakMap<readonly TopicMatcher[], WeakMap<PlaceTagger, TopicMatcher[]>>();
function bothOf(matchers: readonly TopicMatcher[], tagger: PlaceTagger): TopicMatcher[] {
  let byTagger = together.get(matchers);
  if (!byTagger) {
    byTagger = new WeakMap();
    together.set(matchers, byTagger);
  }
  let both = byTagger.get(tagger);
  if (!both) {
    both = [...matchers, ...tagger.matchers.map((m) => ({ ...m, id: `${PLACE}${m.id}` }))];
    byTagger.set(tagger, both);
  }
  return both;
}

/**
 * Topics and places in one pass over the text: each field is read (tokenised, looked up) once for
 * both registries, which is most of what tagging costs. The same result as {@link tagArticle} and
 * {@link tagPlaces} apart.
 */
export function tagTopicsAndPlaces(
  fields: Record<Field, string>,
  matchers: readonly TopicMatcher[],
  tagger: PlaceTagger,
): { topics: TagResult; places: PlaceTags } {
  const both = tagArticle(fields, bothOf(matchers, tagger));
  const topics: TagResult = { topics: [], evidence: {} };
  const named: TagResult = { topics: [], evidence: {} };
  for (const id of both.topics) {
    const part = id.startsWith(PLACE) ? named : topics;
    const own = id.startsWith(PLACE) ? id.slice(PLACE.length) : id;
    part.topics.push(own);
    part.evidence[own] = both.evidence[id] as TopicEvidence;
  }
  return { topics, places: withContainers(named, tagger) };
}
