// `npm start` (after the build) and `npm run serve`: the built digest on localhost, with the
// response headers of netlify.toml (so what you see is what production serves).
// PORT chooses the port (default 8080); DIGEST_OUTPUT the folder served (default _site/).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { headersFor, readHeaderRules } from "../src/site/netlify-headers.ts";
import { PROJECT_ROOT, siteOptionsFromEnv } from "../src/site/plugin.ts";
import { serveStatic } from "../src/site/serve.ts";

const { outputDir } = siteOptionsFromEnv();
if (!existsSync(outputDir)) {
  console.error(`Nothing to serve: ${outputDir} does not exist. Run "npm run build" first.`);
  process.exit(1);
}
const rules = readHeaderRules(resolve(PROJECT_ROOT, "netlify.toml"));
const port = Number(process.env.PORT ?? 8080);
const { url } = await serveStatic(outputDir, { port, headers: (path) => headersFor(rules, path) });
console.log(`Serving the digest at ${url}/ (search at ${url}/search/). Press Ctrl+C to stop.`);
