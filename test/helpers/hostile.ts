import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify as stringifyYaml } from "yaml";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { makeArticleId } from "../../src/content/ids.ts";
import { articleFilePath } from "../../src/content/paths.ts";
import { type ArticleFrontMatterInput, ArticleFrontMatterSchema } from "../../src/content/schema.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { sharedPath } from "./shared.ts";

/**
 * Hostile inputs: every payload of the XSS and naughty-string corpora in `../shared/corpora`,
 * placed in every field an input can reach. Input kinds are a table: a new reader (HTML page,
 * feed item) adds a row whose `make` turns a payload into its kind of input, and the security
 * tests pick it up. Kinds without a reader yet carry a `todo` note and are skipped with it.
 */

/** Where the corpora live, relative to `../shared`. */
export const DOMPURIFY = ["corpora", "dompurify", "payloads.json"];
export const BLNS = ["corpora", "blns", "blns.json"];

export interface Payload {
  corpus: "dompurify" | "blns";
  index: number;
  text: string;
}

/** Every payload of both corpora, duplicates included, in corpus order. */
export function loadPayloads(): Payload[] {
  const dompurify = JSON.parse(readFileSync(sharedPath(...DOMPURIFY), "utf8")) as { payload: string }[];
  const blns = JSON.parse(readFileSync(sharedPath(...BLNS), "utf8")) as string[];
  return [
    ...dompurify.map((p, index) => ({ corpus: "dompurify" as const, index, text: p.payload })),
    ...blns.map((text, index) => ({ corpus: "blns" as const, index, text })),
  ];
}

/** Fields of an article that input can reach. */
export type HostileField =
  | "title"
  | "body"
  | "summary"
  | "quote"
  | "quote-speaker"
  | "byline"
  | "link-url"
  | "image-caption"
  | "image-credit"
  | "url"
  | "update-note"
  | "cited"
  | "source-name"
  | "provenance-input";

export type ArticleDraft = ArticleFrontMatterInput & { body: string };

/** One hostile input, ready to be put where its kind goes. */
export type HostileInput =
  /** A raw capture file, to go through the real ingest pipeline. */
  | { kind: "text-capture"; payload: Payload; fileName: string; text: string }
  /** An article file written by serializeArticle, for fields a capture cannot reach. */
  | {
      kind: "article-file";
      payload: Payload;
      article: ArticleDraft;
      /** An outlet for the registry, so the source name carries the payload too. */
      source: { id: string; name: string };
    };

export interface InputKind {
  name: string;
  fields: readonly HostileField[];
  /** Why the kind cannot run yet; the tests skip it with this note. */
  todo?: string;
  /** Turns one payload (of all of them, for kinds that group) into an input of this kind. */
  make?: (payload: Payload, all: readonly Payload[]) => HostileInput;
}

/** The day every hostile article is dated: one digest issue per batch. */
export const HOSTILE_DAY = "2024-05-01";
/** The outlet hostile captures are ingested as. */
export const HOSTILE_CAPTURE_SOURCE = "moscow-times";

const label = (p: Payload) => `${p.corpus} ${p.index}`;
/** A capture line cannot hold a line break; a title or credit is one line. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, " ");
const nonBlank = (text: string, fallback: string) => (text.trim() === "" ? fallback : text);

/** How much of a payload fits in a capture headline (the extractor takes headlines up to 250 characters). */
const HEADLINE_PAYLOAD_LENGTH = 200;

/** A text capture with the payload as headline, lead (→ summary), a body paragraph and a quote. */
function textCapture(payload: Payload): HostileInput {
  const line = oneLine(payload.text);
  const text = [
    // A headline longer than the extractor's limit is (rightly) refused; the full payload is below.
    `Hostile capture ${label(payload)}: ${line.slice(0, HEADLINE_PAYLOAD_LENGTH)}`,
    "",
    `Lead of ${label(payload)}: ${line}`,
    "",
    payload.text,
    "",
    `“${line} is what hostile speaker ${label(payload)} wanted printed,” the hostile source said.`,
    "",
    `Last paragraph of ${label(payload)}.`,
    "",
  ].join("\n");
  return { kind: "text-capture", payload, fileName: `${payload.corpus}-${payload.index}.txt`, text };
}

/** An article URL carrying the payload, when the schema accepts one (it only takes http(s) URLs). */
function hostileUrl(payload: Payload): string | undefined {
  const candidate = `https://example.org/${payload.corpus}/${payload.index}/${payload.text}`;
  return ArticleFrontMatterSchema.shape.url.safeParse(candidate).success ? candidate : undefined;
}

/**
 * Payloads per hostile outlet: each outlet's name is its payloads joined, so every payload is in a
 * source name while the site gets one source page per ten articles, not one per article.
 */
export const PAYLOADS_PER_SOURCE = 10;

/** An article file with the payload in every field a capture cannot reach. */
function articleFile(payload: Payload, all: readonly Payload[]): HostileInput {
  const title = nonBlank(payload.text, `(blank payload ${label(payload)})`);
  const group = Math.floor(all.indexOf(payload) / PAYLOADS_PER_SOURCE);
  const members = all.slice(group * PAYLOADS_PER_SOURCE, (group + 1) * PAYLOADS_PER_SOURCE);
  const source = {
    id: `hostile-${group}`,
    name: `Outlet ${group}: ${members.map((p) => p.text).join(" | ")}`,
  };
  const url = hostileUrl(payload);
  const some = nonBlank(payload.text, "x");
  const article: ArticleDraft = {
    id: makeArticleId({ title: `${label(payload)} ${title}`, source: source.id, day: HOSTILE_DAY }),
    title,
    date: `${HOSTILE_DAY}T09:00:00+00:00`,
    date_source: "cli",
    update_note: some,
    source: source.id,
    ...(url ? { url } : {}),
    byline: some,
    language: "en",
    topics: [],
    summary: some,
    quotes: [{ text: some, speaker: some }],
    cited: [some],
    image_caption: some,
    image_credit: some,
    provenance: {
      input: some,
      sha256: "0".repeat(64),
      extractor: "hostile-fixture",
      ingested_at: `${HOSTILE_DAY}T09:00:00+00:00`,
      tool_version: "0.0.0",
    },
    body: [
      `Article file ${label(payload)}.`,
      payload.text,
      `[payload link ${label(payload)}](${payload.text})`,
      `[angle link ${label(payload)}](<${oneLine(payload.text)}>)`,
    ].join("\n\n"),
  };
  return { kind: "article-file", payload, article, source };
}

/** The table of input kinds. HTML pages and feed items join when their readers exist. */
export const INPUT_KINDS: readonly InputKind[] = [
  { name: "text capture", fields: ["title", "body", "summary", "quote", "quote-speaker"], make: textCapture },
  {
    name: "article file (serializeArticle)",
    fields: [
      "title",
      "body",
      "summary",
      "quote",
      "quote-speaker",
      "byline",
      "link-url",
      "image-caption",
      "image-credit",
      "url",
      "update-note",
      "cited",
      "source-name",
      "provenance-input",
    ],
    make: articleFile,
  },
  {
    name: "HTML page",
    fields: ["title", "body", "summary", "quote", "byline", "link-url", "image-credit", "url", "source-name"],
    todo: "no HTML reader in src/ingest/readers/ yet: add `make` (payload → saved .html page) when it lands",
  },
  {
    name: "feed item",
    fields: ["title", "body", "summary", "byline", "link-url", "url", "source-name"],
    todo: "no feed reader in src/ingest/readers/ yet: add `make` (payload → RSS/Atom item) when it lands",
  },
];

/** Every payload in every runnable input kind, plus a note per kind that is skipped. */
export function hostileInputs(payloads: readonly Payload[]): { inputs: HostileInput[]; skipped: string[] } {
  const inputs: HostileInput[] = [];
  const skipped: string[] = [];
  for (const kind of INPUT_KINDS) {
    if (!kind.make) {
      skipped.push(`${kind.name}: ${kind.todo ?? "no reader"}`);
      continue;
    }
    for (const payload of payloads) inputs.push(kind.make(payload, payloads));
  }
  return { inputs, skipped };
}

/** Writes article-file inputs into `articlesDir` (where the build expects them). */
export function writeArticleInputs(inputs: readonly HostileInput[], articlesDir: string): void {
  for (const input of inputs) {
    if (input.kind !== "article-file") continue;
    const file = join(articlesDir, articleFilePath(input.article));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeArticle(input.article), { flag: "wx" });
  }
}

/**
 * A registry folder for a build: the project's topics and site settings, and its sources plus one
 * outlet per article-file input whose name is the payload.
 */
export function writeHostileRegistry(inputs: readonly HostileInput[], registryDir: string): void {
  for (const name of ["topics.yaml", "site.yaml"])
    writeFileSync(join(registryDir, name), readFileSync(join(PROJECT_ROOT, "registry", name)));
  const own = readFileSync(join(PROJECT_ROOT, "registry", "sources.yaml"), "utf8");
  const extra = new Map<string, { id: string; name: string; language: string }>();
  for (const input of inputs)
    if (input.kind === "article-file") extra.set(input.source.id, { ...input.source, language: "en" });
  const extraYaml =
    extra.size === 0 ? "" : stringifyYaml([...extra.values()], { lineWidth: 0 }).replace(/^/gm, "  ");
  writeFileSync(join(registryDir, "sources.yaml"), `${own.trimEnd()}\n${extraYaml}`);
}
