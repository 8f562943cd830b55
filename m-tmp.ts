import { readArticles } from "./src/content/article-files.ts";
import { loadRegistries } from "./src/content/registry.ts";
import { loadSiteSettings } from "./src/content/site-settings.ts";
import { pageKey } from "./src/site/build.ts";
import { BuildCache, codeFingerprint } from "./src/site/build-cache.ts";
import { buildDigest } from "./src/site/digest-model.ts";
import { planPages } from "./src/site/page-plan.ts";

const W = "/tmp/media-digest-bench-build-QSXRwY";
const reg = loadRegistries(W + "/registry");
const set = loadSiteSettings(W + "/registry/site.yaml");
const cache = new BuildCache(W + "/cache", codeFingerprint("/work/main/"));
let t = performance.now();
const pc = cache.parseCache();
console.log("parse cache read", Math.round(performance.now() - t));
t = performance.now();
const files = readArticles(W + "/articles", reg, pc);
console.log("readArticles", Math.round(performance.now() - t));
t = performance.now();
const d = buildDigest(files, reg, set);
console.log("buildDigest", Math.round(performance.now() - t));
t = performance.now();
const pages = planPages(d);
console.log("planPages", Math.round(performance.now() - t), pages.length);
t = performance.now();
const sizes = new Map<string, number>();
let total = 0;
for (const p of pages) {
  const n = JSON.stringify(p.data).length;
  total += n;
  sizes.set(p.kind, (sizes.get(p.kind) ?? 0) + n);
}
console.log(
  "stringify",
  Math.round(performance.now() - t),
  "MB",
  (total / 1e6).toFixed(1),
  [...sizes].map(([k, v]) => `${k}:${(v / 1e6).toFixed(1)}`).join(" "),
);
t = performance.now();
for (const p of pages) pageKey(p);
console.log("keys", Math.round(performance.now() - t));
t = performance.now();
const st = cache.readState(W + "/site", "x");
console.log("state", Math.round(performance.now() - t));
