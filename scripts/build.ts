// `npm run build`: the digest from the articles folder into the output folder, indexed for search.
// DIGEST_ARTICLES and DIGEST_OUTPUT choose the folders (defaults articles/ and _site/).
import { ContentError, ContentErrors } from "../src/content/errors.ts";
import { buildSite } from "../src/site/build.ts";
import { siteOptionsFromEnv } from "../src/site/plugin.ts";

try {
  const options = siteOptionsFromEnv();
  console.log(`Building the digest from ${options.articlesDir}`);
  await buildSite(options, (line) => console.log(line));
} catch (error) {
  const content = findContentError(error);
  if (content) {
    console.error(`Build stopped: ${content.message}`);
    process.exit(1);
  }
  throw error;
}

/** Eleventy wraps errors from plugins; dig out ours so the message names the file and the fix. */
function findContentError(error: unknown): ContentError | ContentErrors | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof ContentError || e instanceof ContentErrors) return e;
    if (typeof e !== "object") break;
  }
  return undefined;
}
