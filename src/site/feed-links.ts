import { FEED_FORMATS, type FeedFormat } from "../content/paths.ts";

/** A feed as pages link to it (`<link rel="alternate">` and visible links). */
export interface FeedLink {
  format: FeedFormat;
  type: string;
  label: string;
  title: string;
  url: string;
}

/** Media types and names of the feed formats. */
export const FEED_FORMAT_INFO: Record<FeedFormat, { type: string; label: string }> = {
  atom: { type: "application/atom+xml", label: "Atom" },
  rss: { type: "application/rss+xml", label: "RSS" },
  json: { type: "application/feed+json", label: "JSON Feed" },
};

/** The three formats of one feed, titled for a reader's subscription list. */
export function feedLinks(title: string, url: (format: FeedFormat) => string): FeedLink[] {
  return FEED_FORMATS.map((format) => ({
    format,
    ...FEED_FORMAT_INFO[format],
    title: `${title} (${FEED_FORMAT_INFO[format].label})`,
    url: url(format),
  }));
}
