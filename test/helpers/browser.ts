import { resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { headersFor, readHeaderRules } from "../../src/site/netlify-headers.ts";
import { PROJECT_ROOT, type SiteOptions } from "../../src/site/plugin.ts";
import { type StaticServer, serveStatic } from "../../src/site/serve.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, HEADLESS_SHELL_PATH, headlessShell } from "./requirements.ts";

/** Debian's Chromium, headless, with no network of its own (plus `extraArgs`). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Chromium's headless shell (Debian's chromium-headless-shell, built from the same source as
 * /usr/bin/chromium): the same engine at about 60 % of full Chromium's CPU per page, for the
 * hostile-content visits and the page-type checks. CI must have it; elsewhere full Chromium stands
 * in (slower), with one line saying so.
 */
export function launchHeadlessShell(extraArgs: readonly string[] = []): Promise<Browser> {
  if (headlessShell.available)
    return chromium.launch({ executablePath: HEADLESS_SHELL_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
  const missing = `${headlessShell.name} (${headlessShell.install})`;
  if (process.env.CI) throw new Error(`CI must have ${missing}; .ci/run installs it.`);
  console.warn(`Visiting with full Chromium, which is slower: missing ${missing}.`);
  return launchChromium(extraArgs);
}

/** Serves a built site with exactly the response headers netlify.toml declares for production. */
export function serveLikeNetlify(outputDir: string): Promise<StaticServer> {
  const rules = readHeaderRules(resolve(PROJECT_ROOT, "netlify.toml"));
  return serveStatic(outputDir, { headers: (path) => headersFor(rules, path) });
}

/**
 * Builds the site once for the calling `describe` and serves it like Netlify until its tests are
 * done. `prepare` runs between the build and the serving (to drop a test-only file into the
 * output). Read `url` inside tests and hooks, not at collection time.
 */
export function servedSite(
  options: SiteOptions,
  prepare?: (outputDir: string) => void,
): { readonly url: string } {
  let server: StaticServer | undefined;
  beforeAll(async () => {
    await buildSite(options);
    prepare?.(options.outputDir);
    server = await serveLikeNetlify(options.outputDir);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error("the site is not served yet: read url inside a test or hook");
      return server.url;
    },
  };
}
