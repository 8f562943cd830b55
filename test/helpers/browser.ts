import { resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { headersFor, readHeaderRules } from "../../src/site/netlify-headers.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { type StaticServer, serveStatic } from "../../src/site/serve.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./requirements.ts";

/** Debian's Chromium, headless, with no network of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Serves a built site with exactly the response headers netlify.toml declares for production. */
export function serveLikeNetlify(outputDir: string): Promise<StaticServer> {
  const rules = readHeaderRules(resolve(PROJECT_ROOT, "netlify.toml"));
  return serveStatic(outputDir, { headers: (path) => headersFor(rules, path) });
}
