import { readFileSync } from "node:fs";
import { isMap, isSeq, parseDocument } from "yaml";
import { slugify } from "../content/ids.ts";
import { type Registries, type SourceRules, sourceForUrl } from "../content/registry.ts";
import { writeFileAtomic } from "./write.ts";

/**
 * Which outlet an article is from: `--source`, the outlet a reader already resolved, the registry
 * entry whose domain matches the article's URL, or — for an outlet nobody has registered yet — a
 * new registry entry made from the URL's domain and the page's site name, with a warning.
 */

/** An input that cannot be attributed to an outlet; the message names the input and the fix. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}

function knownIds(sources: readonly SourceRules[]): string {
  return sources.map((s) => s.id).join(", ");
}

/** The outlet named by `--source`; throws {@link SourceError} naming `input` when it is unknown. */
export function sourceById(input: string, id: string, sources: readonly SourceRules[]): SourceRules {
  const source = sources.find((s) => s.id === id);
  if (!source)
    throw new SourceError(
      `${input}: --source "${id}" is not a known source (known: ${knownIds(sources)}). Pass a known id or add the outlet to registry/sources.yaml.`,
    );
  return source;
}

/** The outlet of a text capture: `--source`, else the first known domain among the URLs in its text. */
export function sourceFromText(
  input: string,
  text: string,
  sourceId: string | undefined,
  registries: Registries,
): SourceRules {
  if (sourceId !== undefined) return sourceById(input, sourceId, registries.sources);
  for (const match of text.matchAll(/https?:\/\/[^\s<>"”]+/g)) {
    const source = sourceForUrl(registries.sources, match[0]);
    if (source) return source;
  }
  throw new SourceError(
    `${input}: cannot tell which outlet this capture is from. Pass --source ID (known: ${knownIds(registries.sources)}).`,
  );
}

/** A registry entry for an outlet first seen at `host`, with an id not yet taken. Pure. */
export function newSourceEntry(
  host: string,
  siteName: string | undefined,
  language: string,
  taken: ReadonlySet<string>,
): SourceRules {
  const base = slugify(siteName ?? "") || slugify(host.replace(/\.[a-z]+$/i, "")) || "source";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return {
    id,
    name: siteName?.trim() || host,
    domains: [host],
    language,
    boilerplate: { lines: [], patterns: [], end_markers: [] },
    linePatterns: [],
    endMarkers: [],
  };
}

/**
 * Appends a new outlet to the registry file through the YAML library's document model, so the
 * operator's comments and layout survive; the entry carries a comment saying ingest added it.
 */
export function appendSourceToRegistry(file: string, source: SourceRules, note: string): void {
  const doc = parseDocument(readFileSync(file, "utf8"));
  const sources = doc.get("sources");
  if (!isSeq(sources)) throw new SourceError(`${file}: has no "sources" list to add "${source.id}" to.`);
  const node = doc.createNode({
    id: source.id,
    name: source.name,
    domains: source.domains,
    language: source.language,
  });
  if (isMap(node)) {
    node.commentBefore = ` ${note}`;
    const domains = node.get("domains", true);
    if (isSeq(domains)) domains.flow = true;
  }
  sources.add(node);
  writeFileAtomic(file, doc.toString());
}
