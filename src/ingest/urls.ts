/**
 * Canonical article URLs: the same article reached through a newsletter, a social post or an AMP
 * page is one URL. Tracking parameters, AMP markers and fragments go; the host is lowercased and a
 * default port dropped.
 */

/** Query parameters that only track the visit (exact names), and prefixes of such names. */
export const TRACKING_PARAMETERS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "yclid",
  "ysclid",
  "msclkid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "ref_src",
  "ocid",
  "cmpid",
  "amp",
  "outputtype",
]);
const TRACKING_PREFIXES = ["utm_", "pk_", "mtm_", "hsa_"];

/** Values of `outputType` that mean an AMP rendering. */
const AMP_OUTPUT = /^amp$/i;

function isTracking(name: string, value: string): boolean {
  const key = name.toLowerCase();
  if (key === "outputtype") return AMP_OUTPUT.test(value);
  return TRACKING_PARAMETERS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * The canonical form of an http(s) URL, or undefined when it is not one. Pure.
 * `/amp/` path segments and a trailing `/amp` or `.amp` are removed.
 */
export function normalizeUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  url.hostname = url.hostname.toLowerCase();
  if ((url.protocol === "http:" && url.port === "80") || (url.protocol === "https:" && url.port === "443"))
    url.port = "";
  for (const [name, paramValue] of [...url.searchParams]) {
    if (isTracking(name, paramValue)) url.searchParams.delete(name);
  }
  url.pathname = url.pathname
    .replace(/\/amp(?=\/|$)/gi, "")
    .replace(/\.amp(?=$|\.html?$)/i, "")
    .replace(/^$/, "/");
  if (url.hostname.startsWith("amp.")) url.hostname = url.hostname.slice(4);
  const text = url.href;
  return url.search === "" ? text.replace(/\?$/, "") : text;
}

/** The host of a URL without a leading "www.", lowercased; undefined for a non-URL. */
export function hostOf(value: string): string | undefined {
  try {
    return new URL(value).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}
