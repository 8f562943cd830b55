// Netlify build plugin: keep `npm run build` incremental between deploys.
//
// A deploy starts from a fresh clone, without .cache/ (gitignored) and without the last _site/.
// The build renders only the pages whose data changed and indexes only the search parts whose
// articles changed, but it needs both to know what the last build wrote: .cache/build/ (page keys,
// parsed articles, search parts) and _site/ itself, whose stamp says it is the folder that state
// describes (src/site/output-folder.ts). So both go into Netlify's build cache after a build and
// come back before the next one. The cache is Netlify's own (`utils.cache`, given to every build
// plugin): no package to install. A cold or cleared cache ("Clear cache and deploy") is a full
// build, byte for byte the same site.

/** The folders from netlify.toml's `[plugins.inputs] paths`, checked: relative, inside the repository. */
export function cachedPaths(inputs) {
  const paths = inputs?.paths;
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === "string"))
    throw new Error(
      'build-cache: inputs.paths must list the folders to keep, e.g. [".cache/build", "_site"]',
    );
  for (const path of paths)
    if (path.startsWith("/") || path.split("/").includes(".."))
      throw new Error(`build-cache: "${path}" is not a folder inside the repository`);
  return paths;
}

export const onPreBuild = async ({ inputs, utils }) => {
  for (const path of cachedPaths(inputs)) {
    const restored = await utils.cache.restore(path);
    console.log(
      restored ? `build-cache: restored ${path}` : `build-cache: no ${path} in the cache (a full build)`,
    );
  }
};

export const onPostBuild = async ({ inputs, utils }) => {
  for (const path of cachedPaths(inputs)) {
    const saved = await utils.cache.save(path);
    console.log(saved ? `build-cache: saved ${path}` : `build-cache: no ${path} to save`);
  }
};
