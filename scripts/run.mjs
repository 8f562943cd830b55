// `node scripts/run.mjs FILE.ts [args…]`: runs one of the project's TypeScript entry points
// (scripts/*.ts, src/cli/*.ts) as compiled JavaScript. Every npm script goes through it.
//
// Why: running TypeScript through tsx costs every process about half a second before its first
// line (a loader thread that every import crosses, and each file transformed), and every worker
// thread pays it again. Here the sources under src/ and scripts/ are compiled once by esbuild
// (each file on its own, imports kept as imports, about 0.2 s for all of them) into
// `.cache/js/<stamp>/`, where the stamp is a hash of every source file's path, size and time, so an
// edit gives a fresh copy on the next run and nothing stale is ever run. The copy keeps the tree's
// shape, so `.cache/` stays safe to delete. Several processes starting at once each compile into a
// folder of their own and the first to finish publishes it.
//
// Tests and vitest still run the TypeScript directly; `src/project.ts` finds the project's folders
// from either place.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE_FOLDERS = ["src", "scripts"];
/** What is compiled: the sources, and the tests' helpers that bench:search drives Chromium with. */
const COMPILED_FOLDERS = [...SOURCE_FOLDERS, join("test", "helpers")];
const OUT = join(ROOT, ".cache", "js");
/** Copies older than this, of sources since edited, are removed (a running process may still use a newer one). */
const KEEP_OLD_MS = 60 * 60 * 1000;

function sourcesUnder(folder) {
  const found = [];
  if (!existsSync(folder)) return found;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(full);
    }
  };
  walk(folder);
  return found;
}

/** Every source file, and a stamp that changes when any of them (or the compiler, or this file) does. */
function sources() {
  const files = COMPILED_FOLDERS.flatMap((folder) => sourcesUnder(join(ROOT, folder))).sort();
  const hash = createHash("sha1");
  for (const file of [fileURLToPath(import.meta.url), join(ROOT, "package-lock.json"), ...files]) {
    const stat = statSync(file, { throwIfNoEntry: false });
    hash.update(`${relative(ROOT, file)}\0${stat?.size}\0${stat?.mtimeMs}\0`);
  }
  return { files, stamp: hash.digest("hex").slice(0, 16) };
}

/** Relative imports of `.ts` files become imports of the compiled `.js` files beside them. */
const keepImports = {
  name: "keep-imports",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === "entry-point") return undefined;
      if (!args.path.endsWith(".ts"))
        throw new Error(`${args.importer}: import "${args.path}" names a file that is not .ts`);
      return { path: `${args.path.slice(0, -3)}.js`, external: true };
    });
  },
};

async function compile(files, target) {
  const { build } = await import("esbuild");
  const temporary = `${target}.${process.pid}.tmp`;
  await build({
    entryPoints: files,
    outdir: temporary,
    outbase: ROOT,
    bundle: true,
    packages: "external",
    plugins: [keepImports],
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    logLevel: "error",
  });
  try {
    renameSync(temporary, target);
  } catch (error) {
    // Another process published the same sources first: use theirs.
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
  for (const old of readdirSync(OUT)) {
    const path = join(OUT, old);
    if (path !== target && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith(".ts")) {
  console.error("Usage: node scripts/run.mjs FILE.ts [args…] (a TypeScript file under src/ or scripts/)");
  process.exit(2);
}
const source = resolve(entry);
const inside = relative(ROOT, source);
if (!SOURCE_FOLDERS.some((folder) => inside.startsWith(`${folder}${sep}`)) || !existsSync(source)) {
  console.error(`scripts/run.mjs: ${entry} is not a TypeScript file under src/ or scripts/ of ${ROOT}`);
  process.exit(2);
}
const { files, stamp } = sources();
const target = join(OUT, stamp);
if (!existsSync(target)) await compile(files, target);
// Error stacks name the TypeScript files and lines.
process.setSourceMapsEnabled(true);
// A reader that stops early (`npm run eval:topics | head`) closes the pipe: end quietly, as shell
// tools do, instead of with an unhandled EPIPE error and its stack.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const compiled = join(target, `${inside.slice(0, -3)}.js`);
process.argv = [process.argv[0], compiled, ...args];
await import(pathToFileURL(compiled).href);
