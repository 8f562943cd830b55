import type { Fetcher } from "../fetch.ts";
import type { RawInput } from "./types.ts";

/**
 * URLs given on the command line (and links a feed or OPML file asks to follow): fetched through
 * the polite, cached {@link Fetcher}, then read by whichever reader accepts the bytes (HTML page,
 * feed). The network is here and only here; every reader after it is pure.
 */

/** Whether an input is a URL to fetch rather than a path. */
export function isUrlInput(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Fetches `url` into a {@link RawInput} named `input`. Throws FetchError with the URL and the fix. */
export async function acquireUrl(url: string, fetcher: Fetcher, input = url): Promise<RawInput> {
  const resource = await fetcher.get(url);
  return {
    input,
    bytes: resource.bytes,
    url: resource.finalUrl,
    ...(resource.contentType ? { contentType: resource.contentType } : {}),
  };
}
