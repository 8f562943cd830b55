import type { ArticleFile } from "../content/article-files.ts";
import { localDay } from "../content/dates.ts";
import { absoluteUrl, urls } from "../content/paths.ts";
import type { Registries, Topic } from "../content/registry.ts";
import type { Article, TopicEvidence } from "../content/schema.ts";
import type { SiteSettings } from "../content/site-settings.ts";
import { digestOf } from "./build-cache.ts";
import { dayLabel, languageLabel, weekLabel } from "./labels.ts";
import { type ArticleSearchFields, articleSearchFields, type RenderedSearchFields } from "./search-meta.ts";
import type { StoryLink } from "./stories.ts";
import { isKeyQuote, publicInput, xmlSafeText } from "./text.ts";
import { weekOf } from "./volume-chart.ts";

/**
 * Articles as pages print them, made only when a page that prints them is rendered.
 *
 * Every build knows every article by its {@link ArticleEntry}: what the site's structure needs
 * (date, day, topics, outlet), cheap to make. The full {@link ArticleView} an article page prints
 * and the {@link ArticleCard} every list prints are made on demand and kept. Pages hold
 * {@link CardRef}s and {@link ArticlePage}s instead: their JSON is the hash of what they stand for,
 * which the build's page keys are made of (src/site/build.ts), and `materialize` gives the real
 * thing for rendering. Those hashes are kept between builds by the hash of what the view is made of
 * ({@link ArticleKeys}), so a build after one new article makes views for the pages it renders, not
 * for the archive.
 */

/** A topic as a link. */
export interface TopicLink {
  id: string;
  label: string;
  url: string;
}

/** A topic of an article, with why it was assigned. */
export interface TopicRef extends TopicLink {
  evidence: TopicEvidence | undefined;
}

/** An article as every list shows it. */
export interface ArticleCard {
  id: string;
  title: string;
  url: string;
  date: string;
  dateLabel: string;
  source: { id: string; name: string; url: string };
  language: string;
  topics: TopicLink[];
  /** The places it is about, as links to their pages. */
  places: TopicLink[];
  summary: string;
}

export interface IssueLink {
  url: string;
  label: string;
}

/** A related article, as the article page lists it. */
export interface RelatedRef {
  title: string;
  url: string;
  sourceName: string;
  date: string;
  dateLabel: string;
  language: string;
  sharedTopics: string[];
}

/** What an article page prints (its body is rendered with it: src/site/render.ts). */
export interface ArticleView {
  id: string;
  /** The file it was read from, relative to the articles folder. */
  file: string;
  /** Hash of the file's text: it stands for the body in the page's key. */
  sourceSha: string;
  title: string;
  url: string;
  absoluteUrl: string;
  date: string;
  day: string;
  dateLabel: string;
  dateSource: string;
  dateSourceLabel: string;
  updated: string | undefined;
  updateNote: string | undefined;
  source: { id: string; name: string; url: string };
  originalUrl: string | undefined;
  byline: string | undefined;
  language: string;
  /** The language's English name ("Ukrainian"), for readers who do not know BCP 47 tags. */
  languageLabel: string;
  topics: TopicRef[];
  /** The places it is about, with why (the names that matched). */
  places: TopicRef[];
  summary: string;
  quotes: { text: string; speaker: string | undefined }[];
  cited: string[];
  imageCaption: string | undefined;
  imageCredit: string | undefined;
  provenance: Article["provenance"];
  year: string;
  /** The daily and weekly issues the article appears in. */
  dayIssue: IssueLink;
  weekIssue: IssueLink;
  related: RelatedRef[];
  /** Its story's page and the other outlets that reported it, when the story has a page. */
  story: StoryLink | undefined;
  /** The earlier report whose text it repeats (a wire copy), when that report is in the archive. */
  copyOf: { title: string; url: string; sourceName: string } | undefined;
  /** Outlets that published the same text after it. */
  alsoPublishedBy: string[];
  /** The feed gave only a title and summary (`brief: true`): the page says so and links to the article. */
  brief: boolean;
  /** Search-only fields (year-month filter, sort date): src/site/search-meta.ts. */
  search: ArticleSearchFields;
}

/** An article page's view with its rendered body and search fields: what the article layout prints. */
export type RenderedArticle = Omit<ArticleView, "search"> & {
  bodyHtml: string;
  /** False when the body is no more than the summary (a brief): the text is shown once. */
  showSummary: boolean;
  search: RenderedSearchFields;
};

/** What every build knows of every article. */
export interface ArticleEntry {
  id: string;
  url: string;
  date: string;
  /** The instant, in milliseconds, for sorting. */
  time: number;
  /** The day in the article's own offset (YYYY-MM-DD): its issue and archive month. */
  day: string;
  /**
   * Nothing in its input gave a date (`date_source: ingested`): its date is when ingest read it.
   * It is listed after the dated articles, in no issue and no feed, never as the latest news.
   */
  undated: boolean;
  /** Its update time, else its date: the newest of these is a digest issue's feed date. */
  changed: string;
  /** Its topics after the editor's override, in registry order. */
  topicIds: string[];
  /** The places it is about that the registry knows, in registry order. */
  placeIds: string[];
  sourceId: string;
  /** Its story (src/stories/), if ingest gave it one. */
  storyId: string | undefined;
  /** The outlet's URL of the article, if known. */
  originalUrl: string | undefined;
  /** URLs of earlier copies of its text (wire copies, syndication). */
  duplicates: readonly string[];
  file: ArticleFile;
}

/**
 * Hashes of an article's view and card, and of what they are made from (`input`): the same
 * input gives the same view and card, so the next build reuses the hashes without making either.
 */
export interface ArticleKeys {
  input: string;
  view: string;
  card: string;
}

/**
 * Something in page data that stands for a bigger value. Its JSON names it and carries its hash
 * (page keys are hashes of that JSON, and the same JSON carries a page to a render worker, which
 * revives it: src/site/render.ts); `materialize` gives the value.
 */
export interface Stand {
  toJSON(): unknown;
  materialize(): unknown;
}

const isStand = (value: object): value is Stand =>
  typeof (value as Partial<Stand>).materialize === "function";

/**
 * Page data as layouts print it: every card and article page it refers to, made. Copied only where
 * something in it is made: the parts that hold no reference (a made card, most of a view) are the
 * same objects, shared between the pages that print them, not copied for each (layouts only read).
 */
export function materialize(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (isStand(value)) return materialize(value.materialize());
  if (Array.isArray(value)) {
    let made: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const field = materialize(item);
      if (field === item) continue;
      made ??= value.slice();
      made[i] = field;
    }
    return made ?? value;
  }
  let made: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const field = materialize(item);
    if (field === item) continue;
    made ??= { ...value };
    made[key] = field;
  }
  return made ?? value;
}

/** An article's card in page data. */
export class CardRef implements Stand {
  constructor(
    readonly id: string,
    private readonly views: ArticleViews,
  ) {}

  toJSON(): { $card: string; key: string } {
    return { $card: this.id, key: this.views.keys(this.id).card };
  }

  materialize(): ArticleCard {
    return this.views.card(this.id);
  }
}

/** A related article in an article page's data: its card, and the topics it shares. */
export interface RelatedLink {
  card: CardRef;
  sharedTopics: string[];
}

/** What an article page shows of the reports around it: its story, and copies of its text. */
export interface ArticleNeighbours {
  story: StoryLink | undefined;
  /** The card of the earlier report it copies. */
  copyOf: CardRef | undefined;
  /** Outlets that published the same text after it. */
  alsoPublishedBy: string[];
}

/** An article page's data: the article's view with its related articles, story and copies. */
export class ArticlePage implements Stand {
  constructor(
    readonly id: string,
    readonly related: RelatedLink[],
    private readonly views: ArticleViews,
    readonly neighbours: ArticleNeighbours = { story: undefined, copyOf: undefined, alsoPublishedBy: [] },
  ) {}

  toJSON(): { $page: string; key: string; related: RelatedLink[]; neighbours: ArticleNeighbours } {
    return {
      $page: this.id,
      key: this.views.keys(this.id).view,
      related: this.related,
      neighbours: this.neighbours,
    };
  }

  materialize(): ArticleView {
    const original = this.neighbours.copyOf?.materialize();
    return {
      ...this.views.view(this.id),
      story: this.neighbours.story,
      copyOf: original && { title: original.title, url: original.url, sourceName: original.source.name },
      alsoPublishedBy: this.neighbours.alsoPublishedBy,
      related: this.related.map(({ card: ref, sharedTopics }) => {
        const card = ref.materialize();
        return {
          title: card.title,
          url: card.url,
          sourceName: card.source.name,
          date: card.date,
          dateLabel: card.dateLabel,
          language: card.language,
          sharedTopics,
        };
      }),
    };
  }
}

const DATE_SOURCE_LABELS: Record<string, string> = {
  meta: "from the page's metadata",
  feed: "from the feed",
  text: "from the article text",
  url: "from its web address",
  cli: "given by the editor at ingest",
  ingested: "not known; this is when it was ingested",
};

/** Topics of an article after the editor's override: (topics ∪ add) − remove, in registry order. */
export function effectiveTopics(
  article: Pick<Article, "topics" | "topics_override">,
  topics: readonly Topic[],
): string[] {
  const chosen = new Set([...article.topics, ...(article.topics_override?.add ?? [])]);
  for (const removed of article.topics_override?.remove ?? []) chosen.delete(removed);
  return topics.filter((t) => chosen.has(t.id)).map((t) => t.id);
}

/** Evidence terms and snippet come from article text: made XML-safe like every other string. */
function safeEvidence(evidence: TopicEvidence | undefined): TopicEvidence | undefined {
  if (!evidence) return undefined;
  return {
    ...evidence,
    terms: evidence.terms.map((t) => ({ ...t, term: xmlSafeText(t.term) })),
    ...(evidence.snippet !== undefined ? { snippet: xmlSafeText(evidence.snippet) } : {}),
  };
}

function memo<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Every article of a build: entries for all, views and cards when asked, keys kept between builds. */
export class ArticleViews {
  /** Newest first; ties by id, so the order never depends on the file system. */
  readonly entries: ArticleEntry[];
  private readonly byId = new Map<string, ArticleEntry>();
  private readonly cards = new Map<string, ArticleCard>();
  private readonly refs = new Map<string, CardRef>();
  private readonly keyCache = new Map<string, ArticleKeys>();
  private readonly topicLinks: Map<string, TopicLink>;
  private readonly placeLinks: Map<string, TopicLink>;
  private readonly inputs = new Map<string, string>();
  private readonly dayLabels = new Map<string, string>();
  private readonly weekLinks = new Map<string, IssueLink>();

  constructor(
    files: readonly ArticleFile[],
    private readonly registries: Registries,
    private readonly settings: SiteSettings,
    /** The keys the last build kept, by article id. */
    private readonly known: ReadonlyMap<string, ArticleKeys> = new Map(),
  ) {
    this.topicLinks = new Map(
      registries.topics.map((t) => [t.id, { id: t.id, label: t.labels.en, url: urls.topic(t.id) }]),
    );
    this.placeLinks = new Map(
      registries.places.map((p) => [p.id, { id: p.id, label: p.labels.en, url: urls.place(p.id) }]),
    );
    const placeOrder = new Map(registries.places.map((p, i) => [p.id, i]));
    const placesOf = (ids: readonly string[]) =>
      ids
        .filter((id) => placeOrder.has(id))
        .sort((a, b) => (placeOrder.get(a) as number) - (placeOrder.get(b) as number));
    this.entries = files
      .map((file): ArticleEntry => {
        const article = file.outline;
        return {
          id: article.id,
          url: urls.article(article),
          date: article.date,
          time: Date.parse(article.date),
          day: localDay(article.date),
          undated: article.date_source === "ingested",
          changed: article.updated ?? article.date,
          topicIds: effectiveTopics(article, registries.topics),
          placeIds: placesOf(article.places),
          sourceId: article.source,
          storyId: article.story,
          originalUrl: article.url,
          duplicates: article.duplicates ?? [],
          file,
        };
      })
      .sort(
        (a, b) =>
          Number(a.undated) - Number(b.undated) ||
          b.time - a.time ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    for (const entry of this.entries) this.byId.set(entry.id, entry);
  }

  entry(id: string): ArticleEntry {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`no article ${id}`);
    return entry;
  }

  /** The card of an article, as page data refers to it. */
  cardRef(id: string): CardRef {
    return memo(this.refs, id, () => new CardRef(id, this));
  }

  /**
   * The hash of everything an article's view and card are made of: its file, the names the
   * registries give its topics and outlet, and the site's URL. Whatever else `view` reads must be
   * added here, or a build could reuse the keys of a view that has changed.
   */
  private inputKey(entry: ArticleEntry): string {
    // The names are hashed once per combination of topics, places and outlet, and the file's hash
    // joined to that: a build checks every article's key, and ten thousand hashes cost more.
    const names = memo(
      this.inputs,
      `${entry.topicIds.join(" ")}|${entry.placeIds.join(" ")}|${entry.sourceId}`,
      () =>
        digestOf(
          JSON.stringify([
            entry.topicIds.map((id) => this.topicLinks.get(id)?.label),
            entry.placeIds.map((id) => this.placeLinks.get(id)?.label),
            this.registries.sourceById.get(entry.sourceId)?.name,
            this.settings.url,
          ]),
        ),
    );
    return `${entry.file.sha} ${names}`;
  }

  /** The article's keys: kept from the last build when its input is the same, else made now. */
  keys(id: string): ArticleKeys {
    return memo(this.keyCache, id, () => {
      const input = this.inputKey(this.entry(id));
      const known = this.known.get(id);
      if (known?.input === input) return known;
      return {
        input,
        view: digestOf(JSON.stringify(this.view(id))),
        card: digestOf(JSON.stringify(this.card(id))),
      };
    });
  }

  /** Every article's keys, for the next build. */
  allKeys(): Map<string, ArticleKeys> {
    return new Map(this.entries.map((entry) => [entry.id, this.keys(entry.id)]));
  }

  /** The card of an article: what lists print (made from its outline, without parsing the file). */
  card(id: string): ArticleCard {
    return memo(this.cards, id, () => {
      const entry = this.entry(id);
      const article = entry.file.outline;
      return {
        id: article.id,
        title: xmlSafeText(article.title),
        url: entry.url,
        date: article.date,
        dateLabel: entry.undated ? `undated (added ${this.dateLabel(entry.day)})` : this.dateLabel(entry.day),
        source: this.sourceOf(article.source),
        language: article.language,
        topics: entry.topicIds.map((t) => this.topicLinks.get(t) as TopicLink),
        places: entry.placeIds.map((p) => this.placeLinks.get(p) as TopicLink),
        summary: xmlSafeText(article.summary),
      };
    });
  }

  private dateLabel(day: string): string {
    return memo(this.dayLabels, day, () => dayLabel(day));
  }

  private sourceOf(id: string): ArticleCard["source"] {
    return { id, name: xmlSafeText(this.registries.sourceById.get(id)?.name ?? id), url: urls.source(id) };
  }

  /**
   * The view of an article (its related articles are the page's: {@link ArticlePage}). Made anew
   * each time, not kept: a build asks once per article (for its key, or for its page), and keeping
   * them held every article's view in the main thread to the end of a clean build.
   */
  view(id: string): ArticleView {
    return this.makeView(this.entry(id));
  }

  private makeView(entry: ArticleEntry): ArticleView {
    const article = entry.file.fields;
    const day = entry.day;
    const dateLabel = this.dateLabel(day);
    return {
      id: article.id,
      file: entry.file.file,
      sourceSha: entry.file.sha,
      title: xmlSafeText(article.title),
      url: entry.url,
      absoluteUrl: absoluteUrl(this.settings.url, entry.url),
      date: article.date,
      day,
      dateLabel,
      dateSource: article.date_source,
      dateSourceLabel: DATE_SOURCE_LABELS[article.date_source] ?? article.date_source,
      updated: article.updated,
      updateNote: article.update_note && xmlSafeText(article.update_note),
      source: this.sourceOf(article.source),
      // The schema checked it parses as http(s); the parser's form has no raw control characters.
      originalUrl: article.url && new URL(article.url).href,
      byline: article.byline && xmlSafeText(article.byline),
      language: article.language,
      languageLabel: languageLabel(article.language),
      topics: entry.topicIds.map((id) => ({
        ...(this.topicLinks.get(id) as TopicLink),
        evidence: safeEvidence(article.topic_evidence[id]),
      })),
      places: entry.placeIds.map((id) => ({
        ...(this.placeLinks.get(id) as TopicLink),
        evidence: safeEvidence(article.place_evidence[id]),
      })),
      summary: xmlSafeText(article.summary),
      quotes: article.quotes.filter(isKeyQuote).map((q) => ({
        text: xmlSafeText(q.text),
        speaker: q.speaker && xmlSafeText(q.speaker),
      })),
      cited: article.cited.map(xmlSafeText),
      imageCaption: article.image_caption && xmlSafeText(article.image_caption),
      imageCredit: article.image_credit && xmlSafeText(article.image_credit),
      provenance: {
        ...article.provenance,
        input: xmlSafeText(publicInput(article.provenance.input)),
        extractor: xmlSafeText(article.provenance.extractor),
        tool_version: xmlSafeText(article.provenance.tool_version),
      },
      year: article.date.slice(0, 4),
      dayIssue: { url: urls.digestDay(day), label: dateLabel },
      weekIssue: memo(this.weekLinks, weekOf(day).key, () => ({
        url: urls.digestWeek(day),
        label: weekLabel(weekOf(day)),
      })),
      related: [],
      story: undefined,
      copyOf: undefined,
      alsoPublishedBy: [],
      brief: article.brief === true,
      search: articleSearchFields(article),
    };
  }
}
