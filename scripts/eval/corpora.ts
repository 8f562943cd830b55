import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse as parseYaml } from "yaml";
import { decodeBytes } from "../../src/ingest/decode.ts";
import { PROJECT_ROOT } from "../../src/project.ts";

/** Readers for the shared corpora (../shared/corpora beside the project; never copied into it). */

export const corporaRoot = resolve(PROJECT_ROOT, "../shared/corpora");

export function readHtmlFile(path: string): string {
  const raw = readFileSync(path);
  const bytes = path.endsWith(".gz") ? gunzipSync(raw) : raw;
  return decodeBytes(bytes, { kind: "html" }).text;
}

export interface AebCase {
  id: string;
  path: string;
  url: string;
  body: string;
}

export function aebCases(root = corporaRoot): AebCase[] {
  const truth = JSON.parse(readFileSync(join(root, "aeb", "ground-truth.json"), "utf8")) as Record<
    string,
    { articleBody?: string; url?: string }
  >;
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      path: join(root, "aeb", "html", `${id}.html.gz`),
      url: truth[id]?.url ?? "",
      body: truth[id]?.articleBody ?? "",
    }))
    .filter((c) => existsSync(c.path));
}

export interface ReadabilityCase {
  name: string;
  path: string;
  expected: {
    title?: string | null;
    byline?: string | null;
    publishedTime?: string | null;
    lang?: string | null;
    siteName?: string | null;
  };
}

export function readabilityCases(root = corporaRoot): ReadabilityCase[] {
  const dir = join(root, "readability", "test-pages");
  return readdirSync(dir)
    .sort()
    .filter(
      (name) =>
        existsSync(join(dir, name, "source.html")) && existsSync(join(dir, name, "expected-metadata.json")),
    )
    .map((name) => ({
      name,
      path: join(dir, name, "source.html"),
      expected: JSON.parse(readFileSync(join(dir, name, "expected-metadata.json"), "utf8")),
    }));
}

/** A documented correction to a Readability reference value (see the file's header). */
export interface ReferenceCorrection {
  page: string;
  field: "byline";
  /** The value expected-metadata.json holds. */
  reference: string;
  /** The right value; null when the page names none. */
  corrected: string | null;
  /** Text copied from the page's source.html that shows the right value. */
  evidence: string[];
  why: string;
}

export const correctionsPath = join(PROJECT_ROOT, "test/fixtures/readability-reference-corrections.yaml");

export function readabilityCorrections(path = correctionsPath): ReferenceCorrection[] {
  return parseYaml(readFileSync(path, "utf8")) as ReferenceCorrection[];
}

export interface WcxbCase {
  id: string;
  path: string;
  url: string | undefined;
  pageType: string;
  title: string | undefined;
  author: string | undefined;
  publishDate: string | undefined;
  mainContent: string | undefined;
  /** Snippets the main content must contain (`with`) and must not contain (`without`). */
  mustContain: string[];
  mustNotContain: string[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((s): s is string => typeof s === "string" && s.trim() !== "") : [];

export function wcxbCases(root = corporaRoot): WcxbCase[] {
  const dir = join(root, "wcxb-dev");
  const metadata = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8")) as {
    files: Record<string, { page_type?: string }>;
  };
  return readdirSync(join(dir, "html"))
    .filter((f) => f.endsWith(".html.gz"))
    .sort()
    .map((file) => {
      const id = file.replace(".html.gz", "");
      const truthPath = join(dir, "ground-truth", `${id}.json`);
      const truth = existsSync(truthPath)
        ? (JSON.parse(readFileSync(truthPath, "utf8")) as {
            url?: string;
            _internal?: { page_type?: { primary?: string } };
            ground_truth?: {
              title?: string;
              author?: string;
              publish_date?: string;
              main_content?: string;
              with?: unknown;
              without?: unknown;
            };
          })
        : {};
      const numericId = String(Number(id));
      const pageType =
        metadata.files[id]?.page_type ??
        metadata.files[numericId]?.page_type ??
        truth._internal?.page_type?.primary ??
        "unknown";
      return {
        id,
        path: join(dir, "html", file),
        url: truth.url,
        pageType,
        title: truth.ground_truth?.title || undefined,
        author: truth.ground_truth?.author || undefined,
        publishDate: truth.ground_truth?.publish_date || undefined,
        mainContent: truth.ground_truth?.main_content || undefined,
        mustContain: strings(truth.ground_truth?.with),
        mustNotContain: strings(truth.ground_truth?.without),
      };
    });
}
