import { fileURLToPath } from "node:url";

/** Folders of the project the site build reads from, wherever it is run from. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Nunjucks layouts (markup only). */
export const LAYOUTS_DIR = fileURLToPath(new URL("../../layouts/", import.meta.url));
/** Static assets copied into the site as they are. */
export const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));
/** Registry files operators edit (topics, sources, site settings). */
export const DEFAULT_REGISTRY_DIR = fileURLToPath(new URL("../../registry/", import.meta.url));
