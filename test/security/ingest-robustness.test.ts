import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../scripts/bench/random.ts";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { parseArticle } from "../../src/content/front-matter.ts";
import { articleFilePath } from "../../src/content/paths.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { MAX_INPUT_BYTES } from "../../src/ingest/limits.ts";
import { acquireIngestLock, IngestLockedError, LOCK_FILE } from "../../src/ingest/lock.ts";
import { type IngestOptions, ingestInputs } from "../../src/ingest/pipeline.ts";
import { readTextCapture } from "../../src/ingest/readers/text.ts";
import { removeStaleTempFiles } from "../../src/ingest/write.ts";
import { cpuTimed } from "../helpers/cpu-time.ts";
import { projectRoot } from "../helpers/shared.ts";
import { tempDir } from "../helpers/site.ts";

/**
 * Issue 7, "nothing is lost" and "limits": ingest killed at random points leaves only whole,
 * valid articles and a re-run finishes the work; two ingests never write the same folder at once;
 * an input that cannot be read, decoded or is too large is reported and the run goes on.
 */

const registries = loadRegistries();
const DAY = "2024-05-02";

const options = (outDir: string, extra: Partial<IngestOptions> = {}): IngestOptions => ({
  outDir,
  source: "moscow-times",
  day: DAY,
  dryRun: false,
  registries,
  toolVersion: "0.0.0",
  now: new Date("2026-01-01T00:00:00Z"),
  ...extra,
});

/** A plausible capture: headline, then paragraphs, distinct per `n`. */
function capture(n: number): string {
  const paragraphs = Array.from(
    { length: 12 },
    (_, p) =>
      `Paragraph ${p} of report ${n}: officials in the region said the council would meet again on Tuesday to discuss the budget, roads and schools, and residents asked questions.`,
  );
  return [`Council report number ${n} on roads and schools`, "", ...paragraphs.flatMap((p) => [p, ""])].join(
    "\n",
  );
}

function writeCaptures(dir: string, count: number, from = 0): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `capture-${from + i}.txt`);
    writeFileSync(file, capture(from + i));
    return file;
  });
}

/** Every file under `dir` that is not an article: temp files, the lock, anything else. */
function strayFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile() && !e.name.endsWith(".md"))
    .map((e) => join(e.parentPath, e.name));
}

/** Parses and validates every article, and checks it sits where its id says; returns the count. */
function checkAllArticles(dir: string): number {
  const files = listArticleFiles(dir);
  for (const file of files) {
    const article = parseArticle(readFileSync(join(dir, file), "utf8"), file);
    expect(articleFilePath(article)).toBe(file);
  }
  return files.length;
}

/** The ingest CLI as a direct node process (no npx wrapper), so SIGKILL hits the writer itself. */
function startIngest(files: string[], outDir: string, extra: string[] = []): ChildProcess {
  return spawn(
    process.execPath,
    [
      "scripts/run.mjs",
      "src/cli/ingest.ts",
      ...files,
      "--source",
      "moscow-times",
      "--date",
      DAY,
      "--out",
      outDir,
      ...extra,
    ],
    { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
}

function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  child.stdout?.resume();
  return new Promise((done) => child.on("close", (code, signal) => done({ code, signal, stderr })));
}

describe("ingest killed at random points", () => {
  // Every kill lands among the writes (the watch below), which a run makes at its end, after it has
  // read and assembled every capture: twelve cost half a minute and leave every folder state seen.
  const KILLS = 12;
  const CAPTURES = 80;

  it(`leaves only whole, valid articles after ${KILLS} SIGKILLs, and a re-run completes the work`, async () => {
    const root = tempDir("media-digest-kill-");
    const files = writeCaptures(join(root, "captures"), CAPTURES);
    const out = join(root, "articles");
    mkdirSync(out);
    const seed = Number(process.env.KILL_SEED ?? Date.now() % 100_000);
    const next = seededRandom(seed);
    const counts: number[] = [];
    let strayTemps = 0;
    for (let i = 0; i < KILLS; i++) {
      // Each run is killed when the folder holds a random number of articles between what it held
      // and all of them (so from before its first write to after its last), watched every 2 ms:
      // kills land among writes whatever the machine's speed. Killing at a time would not.
      const before = listArticleFiles(out).length;
      const target = before + Math.floor(next() * (CAPTURES - before + 1));
      const child = startIngest(files, out);
      const done = finished(child);
      await new Promise<void>((wake) => {
        const watch = setInterval(() => {
          if (listArticleFiles(out).length >= target || child.exitCode !== null) {
            clearInterval(watch);
            wake();
          }
        }, 2);
      });
      child.kill("SIGKILL");
      await done;
      counts.push(checkAllArticles(out));
      strayTemps += strayFiles(out).filter((f) => !f.endsWith(LOCK_FILE)).length;
      // Whatever a killed run leaves is invisible to the build: no stray file is an article.
      expect(listArticleFiles(out).every((f) => f.endsWith(".md"))).toBe(true);
      // Half the time, lose some finished articles too, so later kills land among writes again.
      const loseSome = next() < 0.5;
      if (loseSome) {
        for (const file of listArticleFiles(out)) {
          const lose = next() < 0.5;
          if (lose) rmSync(join(out, file));
        }
      }
    }
    const last = await finished(startIngest(files, out));
    expect(last.code, last.stderr).toBe(0);
    expect(checkAllArticles(out)).toBe(CAPTURES);
    expect(strayFiles(out)).toEqual([]);
    console.log(
      `ingest SIGKILL (seed ${seed}): articles after each kill ${counts.join(", ")}; ` +
        `${strayTemps} leftover temp files seen between kills, all cleaned by the next run`,
    );
  }, 300_000);
});

describe("two ingests at once", () => {
  it("never write the same folder together: the second is refused with the holder named, then completes", async () => {
    const root = tempDir("media-digest-race-");
    const out = join(root, "articles");
    const a = writeCaptures(join(root, "a"), 60, 0);
    const b = writeCaptures(join(root, "b"), 60, 1000);
    // The first run is paused (SIGSTOP) as soon as it holds the folder, so the second always meets it
    // there: two runs left to race might never overlap, and then nothing would be tested.
    const first = startIngest(a, out);
    const firstDone = finished(first);
    const lock = join(out, LOCK_FILE);
    await new Promise<void>((wake) => {
      const watch = setInterval(() => {
        if (existsSync(lock) || first.exitCode !== null) {
          clearInterval(watch);
          wake();
        }
      }, 2);
    });
    first.kill("SIGSTOP");
    try {
      expect(existsSync(lock), "the first run should hold the folder when paused").toBe(true);
      const second = await finished(startIngest(b, out));
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        new RegExp(
          `is being written by another ingest \\(pid ${first.pid} on .+, since .+\\)\\. Wait for it`,
        ),
      );
    } finally {
      first.kill("SIGCONT");
    }
    const firstRun = await firstDone;
    expect(firstRun.code, firstRun.stderr).toBe(0);
    expect(checkAllArticles(out)).toBe(60);
    // The refused run, run again, completes.
    const again = await finished(startIngest(b, out));
    expect(again.code, again.stderr).toBe(0);
    expect(checkAllArticles(out)).toBe(120);
    expect(strayFiles(out)).toEqual([]);
  }, 120_000);

  it("refuses while a live process holds the lock, and takes over a lock whose process is gone", async () => {
    const out = tempDir("media-digest-lock-");
    const held = acquireIngestLock(out);
    expect(() => acquireIngestLock(out)).toThrow(IngestLockedError);
    await expect(ingestInputs([], options(out))).rejects.toThrow(
      /is being written by another ingest \(pid \d+/,
    );
    held.release();
    // A dead pid: a process that has exited.
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout;
    writeFileSync(
      join(out, LOCK_FILE),
      JSON.stringify({ pid: Number(dead), host: hostname(), started: "2026-01-01T00:00:00Z" }),
    );
    const taken = acquireIngestLock(out);
    taken.release();
    expect(readdirSync(out)).toEqual([]);
  });

  it("treats an unreadable lock as held while fresh and as stale once old", () => {
    const out = tempDir("media-digest-lock-");
    writeFileSync(join(out, LOCK_FILE), "");
    expect(() => acquireIngestLock(out)).toThrow(IngestLockedError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(out, LOCK_FILE), old, old);
    acquireIngestLock(out).release();
  });

  it("removes temp files of dead processes only", () => {
    const out = tempDir("media-digest-temp-");
    mkdirSync(join(out, "2024/05"), { recursive: true });
    writeFileSync(join(out, "2024/05/.ingest-111-0.tmp"), "half an artic");
    writeFileSync(join(out, "2024/05/.ingest-222-3.tmp"), "being written");
    // A run's other threads name theirs with the thread too.
    writeFileSync(join(out, "2024/05/.ingest-111-2-5.tmp"), "half an artic");
    writeFileSync(join(out, "2024/05/.ingest-222-2-1.tmp"), "being written");
    writeFileSync(join(out, ".ingest.lock.111.tmp"), "{}");
    const removed = removeStaleTempFiles(out, (pid) => pid === 222);
    expect(removed.map((f) => f.slice(out.length)).sort()).toEqual([
      "/.ingest.lock.111.tmp",
      "/2024/05/.ingest-111-0.tmp",
      "/2024/05/.ingest-111-2-5.tmp",
    ]);
    expect(listArticleFiles(out)).toEqual([]);
  });
});

describe("inputs ingest cannot use", () => {
  it("reports each unreadable, undecodable or oversized input and goes on with the rest", async () => {
    const root = tempDir("media-digest-bad-inputs-");
    const [good1, good2] = writeCaptures(join(root, "in"), 2);
    const cp1251 = join(root, "in", "cp1251.txt");
    // A whole capture in windows-1251 (not UTF-8): decoded, not turned into mojibake nor refused.
    writeFileSync(
      cp1251,
      new Uint8Array(
        [..."Заголовок новости\n\nТекст статьи о выборах в Харькове, достаточно длинный для абзаца.\n"].map(
          (ch) =>
            ch === "\n"
              ? 0x0a
              : ch === " "
                ? 0x20
                : ch === ","
                  ? 0x2c
                  : ch === "."
                    ? 0x2e
                    : ch.charCodeAt(0) - 0x350,
        ),
      ),
    );
    const png = join(root, "in", "image.txt");
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]));
    const huge = join(root, "in", "huge.txt");
    writeFileSync(huge, "");
    truncateSync(huge, MAX_INPUT_BYTES + 1);
    const folder = join(root, "in", "a-folder.txt");
    mkdirSync(folder);
    const missing = join(root, "in", "missing.txt");
    const out = join(root, "articles");
    const { value: report, ms } = await cpuTimed(() =>
      ingestInputs([good1 ?? "", cp1251, png, huge, folder, missing, good2 ?? ""], options(out)),
    );
    expect(ms).toBeLessThan(5_000);
    const byInput = new Map(report.items.map((item) => [item.input, item]));
    expect(byInput.get(good1 ?? "")?.status).toBe("written");
    expect(byInput.get(good2 ?? "")?.status).toBe("written");
    expect(byInput.get(cp1251)?.status).toBe("written");
    expect(byInput.get(png)?.reason).toMatch(
      /image\.txt: not a text capture \(\d+ undecodable or NUL characters\)/,
    );
    expect(byInput.get(huge)?.reason).toMatch(
      /huge\.txt: is 10\.0 MB, over the 10\.0 MB limit for one input \(MAX_INPUT_BYTES\)/,
    );
    // A folder is walked for inputs; an empty one is reported, not silently ignored.
    expect(byInput.get(folder)?.reason).toMatch(/a-folder\.txt: the folder holds no files ingest reads/);
    expect(byInput.get(missing)?.reason).toMatch(/missing\.txt: cannot read the file \(ENOENT\)/);
    expect(checkAllArticles(out)).toBe(3);
    const titles = listArticleFiles(out).map(
      (f) => parseArticle(readFileSync(join(out, f), "utf8"), f).title,
    );
    expect(titles).toContain("Заголовок новости");
  });

  it("refuses an oversized capture before reading it", () => {
    const big = join(tempDir("media-digest-big-"), "big.txt");
    writeFileSync(big, "");
    truncateSync(big, MAX_INPUT_BYTES + 1);
    expect(() => readTextCapture(big)).toThrow(/over the 10\.0 MB limit/);
    expect(statSync(join(projectRoot, "package.json")).size).toBeLessThan(MAX_INPUT_BYTES);
  });

  it("fails an untitled capture with a clear message (no fallback title is invented)", async () => {
    const root = tempDir("media-digest-untitled-");
    const long = "This capture starts straight with prose. ".repeat(10);
    const files = [
      ["blank.txt", "\n\n   \n"],
      ["prose-only.txt", `${long}\n\n${long}\n`],
      ["headline-only.txt", "Just a headline\n"],
    ].map(([name, text]) => {
      const file = join(root, name ?? "");
      writeFileSync(file, text ?? "");
      return file;
    });
    const out = join(root, "articles");
    const report = await ingestInputs(files, options(out));
    for (const item of report.items) {
      expect(item.status).toBe("failed");
      expect(item.reason).toMatch(
        /not a text capture \(empty\)|no article found .*need a headline line followed by body paragraphs/,
      );
    }
    expect(checkAllArticles(out)).toBe(0);
  });

  it("fails a capture whose article would not pass the schema, and writes nothing", async () => {
    const root = tempDir("media-digest-schema-");
    const [file] = writeCaptures(join(root, "in"), 1);
    const out = join(root, "articles");
    // The API trusts its caller's day; the schema at write time still refuses the impossible date.
    const report = await ingestInputs([file ?? ""], options(out, { day: "2026-02-30" }));
    expect(report.items[0]?.status).toBe("failed");
    expect(report.items[0]?.reason).toMatch(/date: has day 30, but that month has 28 days/);
    expect(checkAllArticles(out)).toBe(0);
  });

  it("treats --date 2026-02-30 as a usage error (exit 2) and writes nothing", () => {
    const root = tempDir("media-digest-cli-date-");
    const [file] = writeCaptures(join(root, "in"), 1);
    const out = join(root, "articles");
    const result = spawnSync(
      process.execPath,
      [
        "scripts/run.mjs",
        "src/cli/ingest.ts",
        file ?? "",
        "--source",
        "moscow-times",
        "--date",
        "2026-02-30",
        "--out",
        out,
      ],
      { cwd: projectRoot, encoding: "utf8" },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--date "2026-02-30" has day 30, but that month has 28 days/);
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });
});
