import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { isMap, isSeq, parse, parseDocument, type YAMLSeq } from "yaml";
import { slugify } from "../content/ids.ts";
import { type Registries, type SourceRules, sourceForUrl } from "../content/registry.ts";
import { REGISTRY_ID } from "../content/schema.ts";
import { withFileLock } from "./lock.ts";
import { hostOf } from "./urls.ts";
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

/**
 * What to say of an outlet id the registry does not have: the ids it resembles
 * ({@link closeSources}), or how many there are and the first few.
 */
export function knownSourcesLike(id: string, sources: readonly SourceRules[]): string {
  const close = closeSources(id, sources).map((s) => s.id);
  const ids = sources.map((s) => s.id);
  return close.length > 0
    ? `Did you mean: ${close.join(", ")}?`
    : `No source has an id or name like it (it has ${ids.length}: ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", …" : ""}).`;
}

/** The outlet named by `--source`; throws {@link SourceError} naming `input` when it is unknown. */
export function sourceById(input: string, id: string, sources: readonly SourceRules[]): SourceRules {
  const source = sources.find((s) => s.id === id);
  if (!source)
    throw new SourceError(
      `${input}: --source "${id}" is not a known source. ${knownSourcesLike(id, sources)} Pass a known id or add the outlet to registry/sources.yaml.`,
    );
  return source;
}

/**
 * The outlet of a text capture: `--source`, else the first known domain among the URLs in its text;
 * undefined when neither names one (the capture is then filed as a page that names none:
 * src/ingest/outlets.ts `outletOf`).
 */
export function sourceFromText(
  input: string,
  text: string,
  sourceId: string | undefined,
  registries: Registries,
): SourceRules | undefined {
  if (sourceId !== undefined) return sourceById(input, sourceId, registries.sources);
  for (const match of text.matchAll(/https?:\/\/[^\s<>"”]+/g)) {
    const source = sourceForUrl(registries.sources, match[0]);
    if (source) return source;
  }
  return undefined;
}

/** The outlet of pages that name none (no URL, no site name): one entry, reused, for an editor to fix. */
export const UNKNOWN_OUTLET = { id: "unknown-outlet", name: "Unknown outlet" } as const;

/** A registered outlet whose name is `name` (case, spacing, punctuation and a leading "The" aside), if any. */
export function sourceByName(sources: readonly SourceRules[], name: string): SourceRules | undefined {
  const wanted = squash(name);
  return wanted === "" ? undefined : sources.find((s) => squash(s.name) === wanted);
}

/**
 * A registry entry for an outlet first seen at `host` (or, for a page with no URL, known only by its
 * site name, or not at all: {@link UNKNOWN_OUTLET}), with an id not yet taken. Pure.
 */
export function newSourceEntry(
  host: string | undefined,
  siteName: string | undefined,
  language: string,
  taken: ReadonlySet<string>,
): SourceRules {
  const base =
    slugify(siteName ?? "") || slugify((host ?? "").replace(/\.[a-z]+$/i, "")) || UNKNOWN_OUTLET.id;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return {
    id,
    name: siteName?.trim() || host || UNKNOWN_OUTLET.name,
    domains: host ? [host] : [],
    language,
    boilerplate: { lines: [], patterns: [], end_markers: [] },
    linePatterns: [],
    endMarkers: [],
  };
}

/**
 * Appends a new outlet to the registry file as text, written the way the file's own list writes
 * its entries (the column of its dashes, the gap after them, its line endings), so every byte the
 * operator wrote stays as it was; `note` becomes the entry's comment (who added it, what to
 * check). The new file is parsed again before it is written: it must hold the old outlets, the
 * new one and everything else unchanged. A layout this cannot extend (a flow list that already
 * has entries) goes through the YAML library's document model instead, which keeps comments but
 * not spacing. The file is read and written under its lock ({@link withFileLock}), so runs that
 * share a registry all keep the outlets they add; an outlet another run has just added (same id
 * or domain) is not added twice. The write is atomic: a killed run leaves the file as it was.
 */
export function appendSourceToRegistry(file: string, source: SourceRules, note: string): void {
  withFileLock(file, () => appendUnlocked(file, source, note));
}

interface RegistryEntry {
  id: string;
  name: string;
  domains: string[];
  language: string;
}

function appendUnlocked(file: string, source: SourceRules, note: string): void {
  const text = readFileSync(file, "utf8");
  const doc = parseDocument(text);
  const sources = doc.get("sources");
  if (!isSeq(sources)) throw new SourceError(`${file}: has no "sources" list to add "${source.id}" to.`);
  const known = sources.toJSON() as { id?: unknown; domains?: unknown }[];
  const taken = known.some(
    (entry) =>
      entry?.id === source.id ||
      (Array.isArray(entry?.domains) && entry.domains.some((d) => source.domains.includes(String(d)))),
  );
  if (taken) return;
  const entry: RegistryEntry = {
    id: source.id,
    name: source.name,
    domains: source.domains,
    language: source.language,
  };
  const comment = note.replace(/\s+/g, " ").trim();
  const appended = appendedAsText(text, sources, entry, comment);
  if (appended !== undefined && sameButAppended(doc.toJS(), appended, entry)) {
    writeFileAtomic(file, appended);
    return;
  }
  const node = doc.createNode(entry);
  if (isMap(node)) {
    node.commentBefore = ` ${comment}`;
    const domains = node.get("domains", true);
    if (isSeq(domains)) domains.flow = true;
  }
  sources.add(node);
  // No folding of long lines, no padding inside [ ]: the rest of the file stays as close as it can.
  writeFileAtomic(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

/** A value as a YAML scalar: plain where it reads back as the same string, else double-quoted. */
function yamlScalar(value: string): string {
  if (/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u.test(value) && !value.endsWith(" ")) {
    try {
      if (parse(value) === value) return value;
    } catch {
      // Not a plain scalar after all.
    }
  }
  return JSON.stringify(value);
}

/**
 * The registry's text with `entry` written after the last outlet of its block list (or in place of
 * an empty `[]`), or undefined when the list's layout cannot be read from the text.
 */
function appendedAsText(
  text: string,
  sources: YAMLSeq,
  entry: RegistryEntry,
  comment: string,
): string | undefined {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const [start, end] = sources.range ?? [];
  if (start === undefined || end === undefined) return undefined;
  let dash = 2;
  let gap = 1;
  let at: number;
  let before = text;
  if (sources.flow) {
    if (sources.items.length > 0 || text.slice(start, end).replace(/\s/g, "") !== "[]") return undefined;
    // `sources: []` loses its brackets; the entry goes on the lines after it.
    before = text.slice(0, start) + text.slice(end);
    const lineEnd = before.indexOf("\n", start);
    at = lineEnd < 0 ? before.length : lineEnd + 1;
  } else {
    const first = sources.items[0] as { range?: [number, number, number] } | undefined;
    const firstStart = first?.range?.[0];
    if (firstStart === undefined) return undefined;
    const lineStart = text.lastIndexOf("\n", firstStart - 1) + 1;
    const layout = /^( *)-( +)$/.exec(text.slice(lineStart, firstStart));
    if (!layout) return undefined;
    dash = (layout[1] as string).length;
    gap = (layout[2] as string).length;
    // After the line the list's last entry ends on.
    const lineEnd = text[end - 1] === "\n" ? end - 1 : text.indexOf("\n", end);
    at = lineEnd < 0 ? text.length : lineEnd + 1;
  }
  const head = before.slice(0, at);
  const pad = " ".repeat(dash);
  const inner = " ".repeat(dash + 1 + gap);
  const lines = [
    `${pad}# ${comment}`,
    `${pad}-${" ".repeat(gap)}id: ${yamlScalar(entry.id)}`,
    `${inner}name: ${yamlScalar(entry.name)}`,
    `${inner}domains: [${entry.domains.map(yamlScalar).join(", ")}]`,
    `${inner}language: ${yamlScalar(entry.language)}`,
  ];
  const separator = head === "" || head.endsWith("\n") ? "" : eol;
  return head + separator + lines.join(eol) + eol + before.slice(at);
}

/** Whether `appended` parses to what `before` held, with `entry` as its last outlet. */
function sameButAppended(before: unknown, appended: string, entry: RegistryEntry): boolean {
  try {
    const doc = parseDocument(appended);
    if (doc.errors.length > 0) return false;
    const after = doc.toJS() as { sources?: unknown[] } & Record<string, unknown>;
    const old = before as { sources: unknown[] } & Record<string, unknown>;
    return (
      isDeepStrictEqual({ ...after, sources: after.sources?.slice(0, -1) }, old) &&
      isDeepStrictEqual(after.sources?.at(-1), entry)
    );
  } catch {
    return false;
  }
}

/** Lowercase letters and digits only: "The Moscow Times" and "moscow-times" compare as words. */
const squash = (text: string) =>
  text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/\p{M}/gu, "")
    .replace(/^the\s+/u, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The registered outlets an unknown id probably meant, closest first, at most `limit`: by edit
 * distance to each outlet's id and name (case, hyphens, spaces and a leading "The" ignored; up to
 * a third of the length, at least 2), or one being the start of the other (3 letters or more).
 */
export function closeSources(query: string, sources: readonly SourceRules[], limit = 3): SourceRules[] {
  const q = squash(query);
  if (q === "") return [];
  const scored = sources.flatMap((source) => {
    const score = Math.min(
      ...[source.id, source.name].map((candidate) => {
        const c = squash(candidate);
        const distance = editDistance(q, c);
        if (distance <= Math.max(2, Math.floor(Math.max(q.length, c.length) / 3))) return distance;
        return Math.min(q.length, c.length) >= 3 && (c.startsWith(q) || q.startsWith(c))
          ? Math.abs(c.length - q.length) / 100 + 1
          : Number.POSITIVE_INFINITY;
      }),
    );
    return Number.isFinite(score) ? [{ source, score }] : [];
  });
  scored.sort((a, b) => a.score - b.score || a.source.id.localeCompare(b.source.id));
  return scored.slice(0, limit).map((s) => s.source);
}

/** The fields of `--new-source`, in the order they are written. */
export const NEW_SOURCE_FIELDS = ["id", "name", "url", "language"] as const;

/** A language tag as the article schema takes it (en, ru, uk, pt-BR). */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * The outlet `--new-source "id=…,name=…,url=…,language=…"` describes (a comma inside a value is
 * kept unless a `field=` follows it; a bare domain is taken as its https URL), checked against the
 * registry: `isNew` is false when the id is already there with the same name, domain and language.
 * Throws {@link SourceError} saying what is wrong: a missing, repeated or unknown field, a bad id,
 * URL or language, an id registered with other details, a domain another outlet has.
 */
export function sourceFromOption(
  spec: string,
  sources: readonly SourceRules[],
): { source: SourceRules; isNew: boolean } {
  const fields = new Map<string, string>();
  for (const part of spec.split(/,(?=\s*[\p{L}_-]+\s*=)/u)) {
    const match = /^\s*([\p{L}_-]+)\s*=\s*(.*?)\s*$/su.exec(part);
    if (!match)
      throw new SourceError(`"${spec}" is not a list of field=value (${NEW_SOURCE_FIELDS.join(", ")})`);
    const [, key = "", value = ""] = match;
    if (!(NEW_SOURCE_FIELDS as readonly string[]).includes(key))
      throw new SourceError(`unknown field "${key}" (fields: ${NEW_SOURCE_FIELDS.join(", ")})`);
    if (fields.has(key)) throw new SourceError(`"${spec}" gives ${key} twice`);
    if (value !== "") fields.set(key, value);
  }
  const missing = NEW_SOURCE_FIELDS.filter((key) => !fields.has(key));
  if (missing.length > 0) throw new SourceError(`"${spec}" is missing ${missing.join(", ")}`);
  const [id, name, url, language] = NEW_SOURCE_FIELDS.map((key) => fields.get(key) ?? "") as [
    string,
    string,
    string,
    string,
  ];
  if (!REGISTRY_ID.test(id))
    throw new SourceError(
      `id "${id}" is not an id (lowercase ASCII letters, digits and single hyphens, e.g. ${slugify(id) || "meduza"})`,
    );
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
  const host = /^https?:\/\//i.test(absolute) ? hostOf(absolute) : undefined;
  if (!host) throw new SourceError(`url "${url}" is not an http(s) address (e.g. https://meduza.io)`);
  if (!LANGUAGE_TAG.test(language))
    throw new SourceError(`language "${language}" is not a language tag (en, ru, uk, …)`);
  const existing = sources.find((s) => s.id === id);
  if (existing) {
    const domains = existing.domains.map((d) => d.toLowerCase().replace(/^www\./, ""));
    if (existing.name === name && existing.language === language && domains.includes(host))
      return { source: existing, isNew: false };
    throw new SourceError(
      `"${id}" is already in the registry as name "${existing.name}", domains ${existing.domains.join(", ") || "(none)"}, language ${existing.language}; use --source ${id}, or another id`,
    );
  }
  const owner = sourceForUrl(sources, `https://${host}/`);
  if (owner) throw new SourceError(`${host} is already a domain of "${owner.id}"; use --source ${owner.id}`);
  return {
    source: {
      id,
      name,
      domains: [host],
      language,
      boilerplate: { lines: [], patterns: [], end_markers: [] },
      linePatterns: [],
      endMarkers: [],
    },
    isNew: true,
  };
}
