// Netlify build plugin: publish the redirects of changed article URLs.
//
// An article's URL holds its day; when a date is corrected the page moves. `npm run update` keeps
// the URL each article was published at and writes a redirect for every one that changed, in
// Netlify's _redirects format, to a committed file (src/update/redirects.ts owns the format). After
// the build, this copies that file into the published folder as `_redirects`, where Netlify reads
// it. No file (no update has run yet): nothing to redirect.
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";

export const onPostBuild = async ({ inputs, constants }) => {
  const file = inputs?.file;
  if (typeof file !== "string" || file.startsWith("/") || file.split("/").includes(".."))
    throw new Error('redirects: inputs.file must name a file inside the repository, e.g. "state/redirects"');
  if (!existsSync(file)) {
    console.log(`redirects: no ${file} (npm run update writes it); nothing to redirect`);
    return;
  }
  copyFileSync(file, join(constants.PUBLISH_DIR, "_redirects"));
  console.log(`redirects: ${file} published as _redirects`);
};
