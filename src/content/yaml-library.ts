import { createRequire } from "node:module";

/**
 * The `yaml` library, loaded the first time it is used. Front matter and registries are read with
 * js-yaml (several times faster); `yaml` writes front matter and names the line of a problem in a
 * file, which a build of valid files never needs: loading it cost the start of every build
 * 35–50 ms, on the main thread and in each render worker.
 */
let library: typeof import("yaml") | undefined;

export const yamlLibrary = (): typeof import("yaml") =>
  (library ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));
