import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";

import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { writeArticle } from "../../src/ingest/write.ts";
import { buildSite, type SiteOptions } from "../../src/site/build.ts";
import { siteOptionsFromEnv } from "../../src/site/plugin.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { projectRoot } from "../helpers/shared.ts";

/**
 * Netlify builds incrementally: netlify.toml runs a local build plugin that keeps `.cache/build/`
 * and `_site/` in Netlify's build cache between deploys. Checked here: the configuration is
 * consistent (plugin present, the folders it keeps are the ones the build uses), and a deploy is
 * simulated as Netlify runs it — restore, build, save — on a fresh clone whose files all have new
 * times, where one new article renders only what shows it, and the site equals a clean build.
 */

interface CacheUtils {
  restore(path: string): Promise<boolean>;
  save(path: string): Promise<boolean>;
}
interface BuildPlugin {
  cachedPaths(inputs: unknown): string[];
  onPreBuild(options: { inputs: unknown; utils: { cache: CacheUtils } }): Promise<void>;
  onPostBuild(options: { inputs: unknown; utils: { cache: CacheUtils } }): Promise<void>;
}

const toml = parseToml(readFileSync(join(projectRoot, "netlify.toml"), "utf8")) as {
  build: { command: string; publish: string };
  plugins?: { package: string; inputs?: { paths?: string[]; file?: string } }[];
};
const plugin = toml.plugins?.find((p) => p.package === "./netlify/plugins/build-cache");
const redirectsPlugin = toml.plugins?.find((p) => p.package === "./netlify/plugins/redirects");
const pluginDir = join(projectRoot, "netlify", "plugins", "build-cache");
const loadPlugin = async () => (await import(pathToFileURL(join(pluginDir, "index.js")).href)) as BuildPlugin;

/**
 * Netlify's `utils.cache` as the build image runs it, over a folder that outlives the clone:
 * `save` copies (the deploy still needs the files), `restore` moves back and skips what exists.
 */
function netlifyCache(repo: () => string, store: string): CacheUtils {
  return {
    async save(path) {
      if (!existsSync(join(repo(), path))) return false;
      rmSync(join(store, path), { recursive: true, force: true });
      cpSync(join(repo(), path), join(store, path), { recursive: true, preserveTimestamps: true });
      return true;
    },
    async restore(path) {
      if (existsSync(join(repo(), path)) || !existsSync(join(store, path))) return false;
      cpSync(join(store, path), join(repo(), path), { recursive: true, preserveTimestamps: true });
      return true;
    },
  };
}

/** Every file of a folder with its bytes, for comparing two sites. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = join(entry.parentPath, entry.name);
      found.set(relative(dir, file), readFileSync(file).toString("base64"));
    }
  return found;
}

describe("netlify.toml: the build cache", () => {
  it("runs npm run build with the local build-cache plugin, keeping the build's cache and the published folder", () => {
    expect(toml.build).toMatchObject({ command: "npm run build", publish: "_site" });
    expect(plugin?.inputs?.paths).toEqual([".cache/build", "_site"]);
    // The folders it keeps are the ones `npm run build` uses (scripts/build.ts, siteOptionsFromEnv).
    const options = siteOptionsFromEnv({});
    expect(options.cacheDir).toBe(resolve(projectRoot, ".cache/build"));
    expect(options.outputDir).toBe(resolve(projectRoot, toml.build.publish));
    const manifest = parseYaml(readFileSync(join(pluginDir, "manifest.yml"), "utf8"));
    expect(manifest.inputs.map((i: { name: string }) => i.name)).toEqual(["paths"]);
  });

  it("the plugin refuses paths outside the repository and a missing list", async () => {
    const { cachedPaths } = await loadPlugin();
    expect(cachedPaths({ paths: ["_site"] })).toEqual(["_site"]);
    expect(() => cachedPaths({})).toThrow(/inputs\.paths must list/);
    expect(() => cachedPaths({ paths: ["../elsewhere"] })).toThrow(/not a folder inside the repository/);
    expect(() => cachedPaths({ paths: ["/opt/build"] })).toThrow(/not a folder inside the repository/);
  });

  it("a deploy after one new article, on a fresh clone with the cache restored, renders only what shows it", async () => {
    const { onPreBuild, onPostBuild } = await loadPlugin();
    const inputs = plugin?.inputs;
    const root = mkdtempSync(join(tmpdir(), "netlify-deploys-"));
    const repo = join(root, "repo");
    const store = join(root, "netlify-cache");
    const utils = { cache: netlifyCache(() => repo, store) };
    const options: SiteOptions = {
      articlesDir: join(repo, "articles"),
      outputDir: join(repo, "_site"),
      cacheDir: join(repo, ".cache/build"),
      registryDir: join(projectRoot, "registry"),
      siteUrl: "https://digest.example/",
    };
    try {
      // Deploy 1: an empty cache, a full build.
      cpSync(join(projectRoot, "test/fixtures/articles"), options.articlesDir, { recursive: true });
      await onPreBuild({ inputs, utils });
      const first = await buildSite(options);
      expect(first.rendered).toBe(first.pages);
      await onPostBuild({ inputs, utils });

      // Deploy 2: a fresh clone (no .cache, no _site, every file's time new) with one more article.
      rmSync(repo, { recursive: true, force: true });
      cpSync(join(projectRoot, "test/fixtures/articles"), options.articlesDir, { recursive: true });
      const later = new Date(Date.now() + 60_000);
      for (const entry of readdirSync(options.articlesDir, { recursive: true, withFileTypes: true }))
        if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), later, later);
      writeArticle(
        {
          ...validArticle(),
          id: "reservists-called-up-in-the-north-0a1b2c3d",
          title: "Reservists called up in the north",
          topics: ["mobilization"],
          url: "https://www.themoscowtimes.com/2024/03/25/reservists-called-up-a1",
          date: "2024-03-25T09:00:00+00:00",
        },
        options.articlesDir,
        { dryRun: false },
      );
      await onPreBuild({ inputs, utils });
      expect(existsSync(join(repo, "_site", "index.html"))).toBe(true);
      const second = await buildSite(options);
      expect(second.articles).toBe(first.articles + 1);
      expect(second.rendered).toBeGreaterThan(0);
      expect(second.rendered).toBeLessThan(second.pages / 2);
      await onPostBuild({ inputs, utils });

      // A cold cache gives the same site: a clean build of the same articles, byte for byte.
      const clean = await buildSite({
        ...options,
        outputDir: join(root, "clean"),
        cacheDir: join(root, "clean-cache"),
      });
      expect(clean.rendered).toBe(clean.pages);
      expect(files(join(root, "clean"))).toEqual(files(options.outputDir));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("netlify.toml: redirects for changed article URLs", () => {
  it("publishes the redirects npm run update writes as _redirects, after the build", async () => {
    expect(redirectsPlugin?.inputs).toEqual({ file: "state/redirects" });
    const { onPostBuild } = (await import(
      pathToFileURL(join(projectRoot, "netlify/plugins/redirects/index.js")).href
    )) as { onPostBuild(options: { inputs: unknown; constants: { PUBLISH_DIR: string } }): Promise<void> };
    const repo = mkdtempSync(join(tmpdir(), "netlify-redirects-"));
    const cwd = process.cwd();
    try {
      process.chdir(repo);
      const constants = { PUBLISH_DIR: join(repo, "_site") };
      mkdirSync(constants.PUBLISH_DIR);
      // Before any update: nothing to publish, no failure.
      await onPostBuild({ inputs: redirectsPlugin?.inputs, constants });
      expect(existsSync(join(constants.PUBLISH_DIR, "_redirects"))).toBe(false);
      mkdirSync(join(repo, "state"));
      const lines = "/articles/2026/11/22/a-1a2b3c4d/ /articles/2026/11/21/a-1a2b3c4d/ 301\n";
      writeFileSync(join(repo, "state", "redirects"), lines);
      await onPostBuild({ inputs: redirectsPlugin?.inputs, constants });
      expect(readFileSync(join(constants.PUBLISH_DIR, "_redirects"), "utf8")).toBe(lines);
      await expect(onPostBuild({ inputs: { file: "../x" }, constants })).rejects.toThrow(
        /inside the repository/,
      );
    } finally {
      process.chdir(cwd);
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
