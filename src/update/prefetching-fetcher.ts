import { type FetchedResource, Fetcher } from "../ingest/fetch.ts";

/**
 * The update's HTTP client: ingest's polite, cached {@link Fetcher}, plus responses fetched ahead.
 * The update fetches each subscription's URL first, to see whether it changed since its last good
 * poll (a 304, or the same bytes); only what changed goes to ingest, which then gets the response
 * already in hand instead of asking the outlet a second time.
 */
export class PrefetchingFetcher extends Fetcher {
  private readonly kept = new Map<string, FetchedResource>();

  /** Fetches `url` and keeps the response for the next {@link get} of the same URL. */
  async prefetch(url: string): Promise<FetchedResource> {
    const resource = await super.get(url);
    this.kept.set(url, resource);
    return resource;
  }

  /** Forgets a kept response (its URL will not be ingested). */
  drop(url: string): void {
    this.kept.delete(url);
  }

  /** A kept response once, else a fetch. */
  override get(url: string): Promise<FetchedResource> {
    const kept = this.kept.get(url);
    if (!kept) return super.get(url);
    this.kept.delete(url);
    return Promise.resolve(kept);
  }
}
