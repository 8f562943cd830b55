import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { DEBIAN_PYTHON } from "./requirements.ts";

export interface ParsedFeed {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  title: string;
  entries: {
    id: string;
    title: string;
    link: string;
    tags: string[];
    author: string | null;
    published: string | null;
    language: string | null;
  }[];
}

const PARSE = `
import json, sys, feedparser
def parsed(d):
    return {
        "bozo": bool(d.bozo),
        "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
        "version": d.version,
        "title": d.feed.get("title", ""),
        "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
                     "tags": [t["term"] for t in e.get("tags", [])], "author": e.get("author"),
                     "published": e.get("published"), "language": e.get("language")} for e in d.entries],
    }
print(json.dumps([parsed(feedparser.parse(f)) for f in sys.argv[1:]]))
`;

/**
 * Feed files as the reference parser (Debian's python3-feedparser) reads them, keyed by file: one
 * Python process for all of them (each start costs about 0.4 s).
 */
export function parseAllWithFeedparser(files: readonly string[]): Map<string, ParsedFeed> {
  const output = execFileSync(DEBIAN_PYTHON, ["-c", PARSE, ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const feeds = JSON.parse(output) as ParsedFeed[];
  return new Map(files.map((file, i) => [file, feeds[i] as ParsedFeed]));
}

/** xmllint's complaints about a file, or "" when it is well-formed. */
export function xmllintErrors(file: string): string {
  try {
    execFileSync("xmllint", ["--noout", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return "";
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
}

/** RFC 4287's own RELAX NG schema (Appendix B), which Atom feeds are validated against. */
export const ATOM_SCHEMA = resolve(PROJECT_ROOT, "test/fixtures/schemas/atom.rnc");

/** jing's complaints about files against a RELAX NG compact schema, or "" when all are valid. */
export function jingErrors(schema: string, ...files: string[]): string {
  try {
    // One run for all files: each jing start is a JVM start (a second or two).
    execFileSync("jing", ["-c", schema, ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout || error);
  }
}

const run = promisify(execFile);

/**
 * The items newsboat stores after fetching one feed URL headlessly (`-x reload` with a fresh
 * cache, then read back from its SQLite cache). One feed per run: newsboat keys items by guid,
 * so the same article in two feeds would be stored once. Asynchronous, because the server it
 * fetches from usually runs in the test's own process.
 */
export async function newsboatItems(url: string): Promise<{ title: string; author: string; url: string }[]> {
  const dir = mkdtempSync(join(tmpdir(), "media-digest-newsboat-"));
  try {
    writeFileSync(join(dir, "urls"), `${url}\n`);
    writeFileSync(join(dir, "config"), "");
    const cache = join(dir, "cache.db");
    await run("newsboat", ["-u", join(dir, "urls"), "-c", cache, "-C", join(dir, "config"), "-x", "reload"], {
      env: { ...process.env, HOME: dir },
      timeout: 30_000,
    });
    const { stdout } = await run("sqlite3", [
      "-json",
      cache,
      "select title, author, url from rss_item order by pubDate desc",
    ]);
    return stdout.trim() ? (JSON.parse(stdout) as { title: string; author: string; url: string }[]) : [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
