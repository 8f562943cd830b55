import { join } from "node:path";
import { z } from "zod";
import { REGISTRY_DIR } from "../project.ts";
import { ContentError, ContentErrors } from "./errors.ts";
import { loadPlaces, type Place } from "./places.ts";
import {
  perLanguage,
  perLanguageOptional,
  phraseList,
  readYaml,
  registryIdSchema,
  type TermSchema,
  termList,
  zodProblems,
} from "./registry-yaml.ts";
import { loadWatches, type Watch } from "./watches.ts";

/**
 * The registries: data files in `registry/` that operators edit without code (topics and sources
 * here; places in places.ts, watches in watches.ts).
 * They are validated when loaded; every problem names the file, the line and the fix.
 */

export { LANGUAGES, type Language } from "./registry-yaml.ts";
export { REGISTRY_DIR };

const id = registryIdSchema;

/** Context a topic's non-standalone terms need before they count (see topics.yaml's header). */
const RequiresSchema = z
  .strictObject({
    scope: z.enum(["window", "document"]),
    window: z.number().int().positive().optional(),
    terms: perLanguage(phraseList),
  })
  .superRefine((requires, ctx) => {
    if (requires.scope === "window" && requires.window === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["window"],
        message: 'scope "window" needs a window (how many words on each side)',
      });
    if (requires.scope === "document" && requires.window !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["window"],
        message:
          'has a window, but scope "document" looks at the whole article; remove it or use scope "window"',
      });
  });

const TopicSchema = z.strictObject({
  id,
  labels: perLanguage(z.string().min(1)),
  description: perLanguage(z.string().min(1)),
  terms: perLanguage(termList),
  requires: RequiresSchema.optional(),
  exclude: perLanguageOptional(phraseList).default({}),
  threshold: z.number().positive(),
});

const SourceSchema = z.strictObject({
  id,
  name: z.string().min(1),
  domains: z.array(z.string().min(1)).default([]),
  language: z.string().min(2),
  boilerplate: z
    .strictObject({
      lines: z.array(z.string()).default([]),
      patterns: z.array(z.string()).default([]),
      end_markers: z.array(z.string()).default([]),
    })
    .default({ lines: [], patterns: [], end_markers: [] }),
});

export type Topic = z.output<typeof TopicSchema>;
/** A match term after loading: its text, how much one hit weighs, and whether it needs context. */
export type TopicTerm = z.output<typeof TermSchema>;
export type Source = z.output<typeof SourceSchema>;

/** A source with its boilerplate rules compiled. */
export interface SourceRules extends Source {
  linePatterns: RegExp[];
  endMarkers: RegExp[];
}

export interface Registries {
  topics: Topic[];
  sources: SourceRules[];
  /** Countries, regions and cities (`places.yaml`; none when the file is missing). */
  places: Place[];
  /** Saved searches over topics and places (`watches.yaml`; none when the file is missing). */
  watches: Watch[];
  topicById: Map<string, Topic>;
  sourceById: Map<string, SourceRules>;
  placeById: Map<string, Place>;
}

/** Loads and validates `topics.yaml`: ids unique, no term claimed by two topics, known languages only. */
export function loadTopics(file = join(REGISTRY_DIR, "topics.yaml")): Topic[] {
  const { data, lineOf } = readYaml(file);
  const parsed = z.strictObject({ topics: z.array(TopicSchema).min(1) }).safeParse(data);
  if (!parsed.success) throw new ContentErrors(zodProblems(file, parsed.error, lineOf));
  const problems: ContentError[] = [];
  const seenIds = new Map<string, number>();
  const termOwner = new Map<string, string>();
  parsed.data.topics.forEach((topic, index) => {
    const at = (path: (string | number)[]) => `${file}:${lineOf(["topics", index, ...path]) ?? "?"}`;
    if (seenIds.has(topic.id)) {
      problems.push(
        new ContentError({
          file: at(["id"]),
          field: `topics[${index}].id`,
          problem: `"${topic.id}" is already the id of topics[${seenIds.get(topic.id)}]`,
          fix: "Give each topic its own id.",
        }),
      );
    }
    seenIds.set(topic.id, index);
    const termCount = Object.values(topic.terms).reduce((n, list) => n + (list?.length ?? 0), 0);
    if (termCount === 0) {
      problems.push(
        new ContentError({
          file: at(["terms"]),
          field: `topics[${index}].terms`,
          problem: "has no terms, so nothing can ever be tagged with it",
          fix: "Add at least one term.",
        }),
      );
    }
    for (const [language, list] of Object.entries(topic.terms)) {
      if (list?.length === 0 && termCount > 0)
        problems.push(
          new ContentError({
            file: at(["terms", language]),
            field: `topics[${index}].terms.${language}`,
            problem: "is an empty term list",
            fix: `Add ${language} terms, or remove the "${language}" key.`,
          }),
        );
      for (const { term } of list ?? []) {
        const key = term.toLocaleLowerCase();
        const owner = termOwner.get(key);
        if (owner && owner !== topic.id) {
          problems.push(
            new ContentError({
              file: at(["terms", language]),
              field: `topics[${index}].terms.${language}`,
              problem: `term "${term}" is also claimed by topic "${owner}"`,
              fix: "A term may belong to one topic only; remove it from one of them.",
            }),
          );
        }
        termOwner.set(key, topic.id);
      }
    }
  });
  if (problems.length > 0) throw new ContentErrors(problems);
  return parsed.data.topics;
}

/** Loads and validates `sources.yaml`, compiling each outlet's boilerplate patterns. */
export function loadSources(file = join(REGISTRY_DIR, "sources.yaml")): SourceRules[] {
  const { data, lineOf } = readYaml(file);
  const parsed = z.strictObject({ sources: z.array(SourceSchema) }).safeParse(data);
  if (!parsed.success) throw new ContentErrors(zodProblems(file, parsed.error, lineOf));
  const problems: ContentError[] = [];
  const ids = new Set<string>();
  const sources = parsed.data.sources.map((source, index) => {
    if (ids.has(source.id)) {
      problems.push(
        new ContentError({
          file: `${file}:${lineOf(["sources", index, "id"]) ?? "?"}`,
          field: `sources[${index}].id`,
          problem: `"${source.id}" is already used by another source`,
          fix: "Give each source its own id.",
        }),
      );
    }
    ids.add(source.id);
    const compile = (pattern: string, field: string, position: number) => {
      try {
        return new RegExp(pattern, "u");
      } catch (cause) {
        problems.push(
          new ContentError({
            file: `${file}:${lineOf(["sources", index, "boilerplate", field, position]) ?? "?"}`,
            field: `sources[${index}].boilerplate.${field}[${position}]`,
            problem: `is not a valid regular expression (${(cause as Error).message})`,
            fix: "Fix the pattern.",
            cause,
          }),
        );
        return /$^/u;
      }
    };
    return {
      ...source,
      linePatterns: source.boilerplate.patterns.map((p, i) => compile(p, "patterns", i)),
      endMarkers: source.boilerplate.end_markers.map((p, i) => compile(p, "end_markers", i)),
    };
  });
  if (problems.length > 0) throw new ContentErrors(problems);
  return sources;
}

/** Every registry of a folder, with lookup maps. */
export function loadRegistries(dir = REGISTRY_DIR): Registries {
  const base = dir.endsWith("/") ? dir : `${dir}/`;
  const topics = loadTopics(`${base}topics.yaml`);
  const sources = loadSources(`${base}sources.yaml`);
  const places = loadPlaces(`${base}places.yaml`);
  const watches = loadWatches(`${base}watches.yaml`, {
    topics: new Set(topics.map((t) => t.id)),
    places: new Set(places.map((p) => p.id)),
  });
  return {
    topics,
    sources,
    places,
    watches,
    topicById: new Map(topics.map((t) => [t.id, t])),
    sourceById: new Map(sources.map((s) => [s.id, s])),
    placeById: new Map(places.map((p) => [p.id, p])),
  };
}

/** The source whose domains include the URL's host (ignoring a leading "www."), if any. */
export function sourceForUrl(sources: readonly SourceRules[], url: string): SourceRules | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
  return sources.find((s) => s.domains.some((d) => d.toLowerCase().replace(/^www\./, "") === host));
}
