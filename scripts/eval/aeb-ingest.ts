import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { bodyOf } from "../../src/content/front-matter.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { ingestInputs } from "../../src/ingest/pipeline.ts";
import type { ItemStatus } from "../../src/ingest/report.ts";
import { REGISTRY_DIR, toolVersion } from "../../src/project.ts";
import { aebCases } from "./corpora.ts";
import { corpusScores, type Matching, pageF1, shingleMatching } from "./shingles.ts";

/**
 * AEB through the real ingest pipeline (`ingestInputs`, what `npm run ingest -- <folder>` runs), not
 * the extractor alone: the 181 saved pages, as saved (no URL given: only what the page says),
 * ingested into a temporary articles folder with a temporary copy of the registry (the project's
 * own registry/ is never touched). A page counts as published when it is written (not held,
 * failed, skipped or a duplicate); its body is the article file's markdown read back as text. A page
 * not published counts as empty output, as a reader of the site sees it: F1 here measures what the
 * digest publishes, extraction and clean-up together.
 */

export interface AebIngestFigures {
  pages: number;
  /** Pages written as published articles. */
  published: number;
  statuses: Partial<Record<ItemStatus, number>>;
  f1: number;
  precision: number;
  recall: number;
  /** Pages not published, with the pipeline's reason. */
  notPublished: Array<{ id: string; status: string; reason: string; url: string }>;
  worst: Array<{ id: string; f1: number; url: string }>;
  seconds: number;
}

/** Fixed ingest time, so runs are comparable (undated pages get it as their date). */
const NOW = new Date("2026-01-01T00:00:00Z");

/**
 * Article markdown (src/ingest/html/to-markdown.ts) as the text a reader sees: link targets,
 * heading and list markers and backslash escapes dropped, so that URL words do not count as
 * body tokens.
 */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/!\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)/g, "$1")
    .replace(/\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)/g, "$1")
    .replace(/^(?:>\s?)*(?:#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+)?/gm, "")
    .replace(/\\([\\`*_[\]<>&|~!#{}()+=.-])/g, "$1")
    .replace(/\*{1,2}((?:\\.|[^*\\])+)\*{1,2}/g, "$1");
}

export async function evaluateAebIngest(limit?: number): Promise<AebIngestFigures> {
  const cases = aebCases().slice(0, limit);
  const work = mkdtempSync(join(tmpdir(), "eval-aeb-ingest-"));
  try {
    const pagesDir = join(work, "pages");
    const registryDir = join(work, "registry");
    mkdirSync(pagesDir);
    cpSync(REGISTRY_DIR, registryDir, { recursive: true });
    const inputs = cases.map((c) => {
      const path = join(pagesDir, `${c.id}.html`);
      writeFileSync(path, gunzipSync(readFileSync(c.path)));
      return path;
    });
    const started = performance.now();
    const report = await ingestInputs(inputs, {
      outDir: join(work, "articles"),
      dryRun: false,
      registries: loadRegistries(registryDir),
      registryFile: join(registryDir, "sources.yaml"),
      toolVersion: toolVersion(),
      now: NOW,
    });
    const seconds = (performance.now() - started) / 1000;
    const byInput = new Map(report.items.map((item) => [basename(item.input, ".html"), item]));
    const statuses: Partial<Record<ItemStatus, number>> = {};
    const matchings: Matching[] = [];
    const pages: AebIngestFigures["worst"] = [];
    const notPublished: AebIngestFigures["notPublished"] = [];
    let published = 0;
    for (const c of cases) {
      const item = byInput.get(c.id);
      const status = item?.status ?? "missing";
      statuses[status as ItemStatus] = (statuses[status as ItemStatus] ?? 0) + 1;
      const written = (status === "written" || status === "unchanged") && item?.path;
      if (written) published += 1;
      else
        notPublished.push({
          id: c.id,
          status,
          reason: (item?.reason ?? "no report entry").replace(`${item?.input}: `, ""),
          url: c.url,
        });
      const text = written ? markdownText(bodyOf(readFileSync(item.path as string, "utf8"))) : "";
      const m = shingleMatching(c.body, text);
      matchings.push(m);
      pages.push({ id: c.id, f1: pageF1(m), url: c.url });
    }
    return {
      pages: cases.length,
      published,
      statuses,
      ...corpusScores(matchings),
      notPublished,
      worst: pages.sort((a, b) => a.f1 - b.f1).slice(0, 10),
      seconds,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
