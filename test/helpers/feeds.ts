import { execFileSync } from "node:child_process";
import { DEBIAN_PYTHON } from "./requirements.ts";

export interface ParsedFeed {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  title: string;
  entries: { id: string; title: string; link: string; tags: string[]; author: string | null }[];
}

const PARSE = `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": bool(d.bozo),
  "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
  "version": d.version,
  "title": d.feed.get("title", ""),
  "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
               "tags": [t["term"] for t in e.get("tags", [])], "author": e.get("author")} for e in d.entries],
}))
`;

/** A feed file as the reference parser (Debian's python3-feedparser) reads it. */
export function parseWithFeedparser(file: string): ParsedFeed {
  return JSON.parse(execFileSync(DEBIAN_PYTHON, ["-c", PARSE, file], { encoding: "utf8" })) as ParsedFeed;
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
