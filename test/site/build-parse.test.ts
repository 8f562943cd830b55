import { writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticArticles } from "../../scripts/bench/synthetic-articles.ts";
import { listArticleFiles, parseFilesHere } from "../../src/content/article-files.ts";
import { parseOn } from "../../src/site/build.ts";
import type { BuildTask, BuildTaskResult } from "../../src/site/build-worker.ts";
import { WorkerPool } from "../../src/worker-pool.ts";
import { tempDir } from "../helpers/site.ts";

/**
 * A first build parses its files on the build's workers and on its own thread at once: whoever is
 * free takes the next share. What comes back must be what one thread parsing every file gives, in
 * the files' order, failures included.
 */
describe("parsing a large archive on the build's workers", () => {
  const dir = tempDir("media-digest-parse-");
  const written = writeSyntheticArticles(dir, 700).map((file) => relative(dir, file).split(sep).join("/"));
  // Two broken files, in different shares.
  writeFileSync(join(dir, written[5] as string), "no front matter at all\n");
  writeFileSync(join(dir, written[650] as string), "---\ntitle: [unclosed\n---\n\nBody.\n");
  const pool = new WorkerPool<BuildTask, BuildTaskResult>(
    new URL("../../src/site/build-worker.ts", import.meta.url),
    1,
  );
  afterAll(() => pool.close());

  it("gives what one thread gives, in order, with each failure on its own file", async () => {
    const files = listArticleFiles(dir);
    expect(files).toHaveLength(700);
    // The worker is ready (Eleventy loaded) before parsing starts, so both threads take shares.
    await pool.run({ kind: "parse", dir, files: [] });
    const run = pool.run.bind(pool);
    let sharesOnTheWorker = 0;
    pool.run = (task) => {
      sharesOnTheWorker++;
      return run(task);
    };
    const shared = await parseOn(pool)(dir, files);
    expect(sharesOnTheWorker).toBeGreaterThan(0);
    expect(shared).toEqual(parseFilesHere(dir, files));
    const failed = shared.flatMap((entry, i) => ("problem" in entry ? [files[i]] : []));
    expect(failed.sort()).toEqual([written[5], written[650]].sort());
  }, 60_000);
});
