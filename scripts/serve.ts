// `npm start` (after the build) and `npm run serve`: the built digest on localhost.
// PORT chooses the port (default 8080); DIGEST_OUTPUT the folder served (default _site/).
import { existsSync } from "node:fs";
import { siteOptionsFromEnv } from "../src/site/plugin.ts";
import { serveStatic } from "../src/site/serve.ts";

const { outputDir } = siteOptionsFromEnv();
if (!existsSync(outputDir)) {
  console.error(`Nothing to serve: ${outputDir} does not exist. Run "npm run build" first.`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 8080);
const { url } = await serveStatic(outputDir, { port });
console.log(`Serving the digest at ${url}/ (search at ${url}/search/). Press Ctrl+C to stop.`);
