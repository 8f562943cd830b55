import { createRequire } from "node:module";

/**
 * The large libraries only some inputs need, each loaded the first time it is used: a text
 * capture never parses HTML or a feed, and loading linkedom, Readability and feedsmith cost the
 * CLI about 0.4 s before its first capture (issue 13, start-up). Synchronous, so the pipeline's
 * readers stay synchronous: `require` loads an ES module too on the Node versions the project
 * supports (20.19 and later).
 */

const load = createRequire(import.meta.url);

function once<T>(name: string): () => T {
  let module: T | undefined;
  return () => {
    module ??= load(name) as T;
    return module;
  };
}

/** The DOM the HTML and feed readers parse with. */
export const linkedom = once<typeof import("linkedom")>("linkedom");
/** Mozilla's Readability, the article scorer of HTML extraction. */
export const readability = once<typeof import("@mozilla/readability")>("@mozilla/readability");
/** The RSS, Atom, RDF, JSON Feed and OPML parser. */
export const feedsmith = once<typeof import("feedsmith")>("feedsmith");
/** Language identification's trigram models (every text needs it, but `--help` does not). */
export const franc = once<typeof import("franc-all")>("franc-all");
