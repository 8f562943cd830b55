import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { globSync } from "tinyglobby";

/**
 * What the operator named on the command line, expanded into single inputs: URLs as they are,
 * folders walked for the kinds of files ingest reads, globs matched (node:fs glob is Node 22+
 * only, hence tinyglobby). Sorted, so a run's order does not depend on the file system.
 */

/** File names ingest reads when walking a folder. */
export const INGESTIBLE_FILE = /\.(?:txt|html?|xhtml|xml|rss|atom|rdf|opml|json|feed)(?:\.gz)?$/i;

const GLOB_CHARACTERS = /[*?[\]{}]/;

export interface ExpandedInputs {
  inputs: string[];
  /** Arguments that matched nothing, with the reason (reported as failed items). */
  problems: { input: string; reason: string }[];
}

/** Files under a folder that ingest reads, recursively, skipping hidden folders and node_modules. */
export function walkFolder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walkFolder(path));
    else if (entry.isFile() && INGESTIBLE_FILE.test(entry.name)) files.push(path);
  }
  return files;
}

/** Expands arguments into inputs, in the order given; each folder's or glob's files sorted. */
export function expandInputs(args: readonly string[]): ExpandedInputs {
  const inputs: string[] = [];
  const problems: ExpandedInputs["problems"] = [];
  for (const arg of args) {
    if (/^https?:\/\//i.test(arg)) inputs.push(arg);
    else if (existsSync(arg) && statSync(arg).isDirectory()) {
      const files = walkFolder(arg);
      if (files.length === 0)
        problems.push({
          input: arg,
          reason: `${arg}: the folder holds no files ingest reads (.txt, .html, .htm, feeds, .gz of those)`,
        });
      inputs.push(...files);
    } else if (!existsSync(arg) && GLOB_CHARACTERS.test(arg)) {
      const files = globSync(arg, { onlyFiles: true, expandDirectories: false }).sort();
      if (files.length === 0)
        problems.push({
          input: arg,
          reason: `${arg}: the pattern matches no files. Check the pattern (quote it so the shell does not expand it).`,
        });
      inputs.push(...files);
    } else inputs.push(arg);
  }
  return { inputs, problems };
}
