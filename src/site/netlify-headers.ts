import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { z } from "zod";

/**
 * The response headers `netlify.toml` declares, so the local server (and the browser tests) serve
 * the built site exactly as production does, Content-Security-Policy included.
 */

const NetlifyTomlSchema = z.object({
  headers: z.array(z.object({ for: z.string(), values: z.record(z.string(), z.string()) })).default([]),
});

export type HeaderRule = z.output<typeof NetlifyTomlSchema>["headers"][number];

/** The `[[headers]]` rules of a netlify.toml file. */
export function readHeaderRules(file: string): HeaderRule[] {
  return NetlifyTomlSchema.parse(parse(readFileSync(file, "utf8"))).headers;
}

/** True when a Netlify `for` pattern (`/*`, `/pagefind/*`, `/*.xml`, an exact path) matches a path. */
export function pathMatches(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`);
  return regex.test(path);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Headers for one response path: every matching rule applies, later rules overriding earlier ones. */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) if (pathMatches(rule.for, path)) Object.assign(headers, rule.values);
  return headers;
}
