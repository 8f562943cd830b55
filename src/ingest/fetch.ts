import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./write.ts";

/**
 * HTTP for ingest: polite, bounded and cached. One request at a time per host with a pause
 * between them; a timeout per attempt; retries with exponential backoff on network errors, 5xx
 * and 429 (Retry-After honoured, capped); a size limit enforced while streaming; an on-disk cache
 * (`.cache/fetch/`, keyed by URL hash) revalidated with ETag / Last-Modified.
 */

/** Per attempt: long enough for a slow news site, short enough that a dead host does not stall a run. */
export const FETCH_TIMEOUT_MS = 20_000;
/** Attempts after the first one, for errors that may pass (network, 5xx, 429). */
export const FETCH_RETRIES = 3;
/** First backoff delay; doubled on each retry (0.5 s, 1 s, 2 s). */
export const FETCH_BACKOFF_MS = 500;
/** Longest wait a server's Retry-After may ask for; longer, and we wait this long. */
export const MAX_RETRY_AFTER_MS = 30_000;
/** Largest response body: an article page is well under 2 MB; 10 MB allows heavy pages and big feeds. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Pause between two requests to the same host, so a run never hammers one outlet. */
export const HOST_DELAY_MS = 1_000;
/** Where responses are cached (gitignored). */
export const DEFAULT_CACHE_DIR = ".cache/fetch";

/** A fetch that did not give a usable response: the URL, what happened, what to do. */
export class FetchError extends Error {
  readonly url: string;
  readonly status: number | undefined;
  constructor(url: string, problem: string, options?: { status?: number; cause?: unknown }) {
    super(`${url}: ${problem}`, { cause: options?.cause });
    this.name = "FetchError";
    this.url = url;
    this.status = options?.status;
  }
}

export interface FetchedResource {
  /** The URL asked for. */
  url: string;
  /** The URL that answered (after redirects). */
  finalUrl: string;
  contentType: string | undefined;
  bytes: Uint8Array;
  /** "network" (fresh), "revalidated" (304 from the server, body from the cache). */
  via: "network" | "revalidated";
}

export interface FetcherOptions {
  userAgent: string;
  cacheDir?: string | undefined;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  maxBytes?: number;
  hostDelayMs?: number;
  maxRetryAfterMs?: number;
  /** For tests: wait this long instead of sleeping (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
}

interface CacheEntry {
  url: string;
  finalUrl: string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Body as base64. */
  body: string;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether a status is worth retrying: the server may answer next time. */
const retryable = (status: number) => status === 429 || status >= 500;

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), if it is readable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A polite HTTP client with a per-host queue and an on-disk cache. */
export class Fetcher {
  private readonly options: Required<Omit<FetcherOptions, "cacheDir">> & { cacheDir: string | undefined };
  /** The tail of each host's queue: the next request to a host starts when this settles. */
  private readonly hostQueues = new Map<string, Promise<unknown>>();

  constructor(options: FetcherOptions) {
    this.options = {
      cacheDir: options.cacheDir,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs ?? FETCH_TIMEOUT_MS,
      retries: options.retries ?? FETCH_RETRIES,
      backoffMs: options.backoffMs ?? FETCH_BACKOFF_MS,
      maxBytes: options.maxBytes ?? MAX_RESPONSE_BYTES,
      hostDelayMs: options.hostDelayMs ?? HOST_DELAY_MS,
      maxRetryAfterMs: options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS,
      sleep: options.sleep ?? realSleep,
    };
  }

  /** Fetches a URL (queued behind other requests to its host). Throws {@link FetchError}. */
  get(url: string): Promise<FetchedResource> {
    let host: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
      host = parsed.host;
    } catch (cause) {
      return Promise.reject(
        new FetchError(url, "is not an http(s) URL. Give a full URL like https://example.com/article.", {
          cause,
        }),
      );
    }
    const previous = this.hostQueues.get(host) ?? Promise.resolve();
    const run = previous.then(async () => {
      try {
        return await this.fetchWithRetries(url);
      } finally {
        await this.options.sleep(this.options.hostDelayMs);
      }
    });
    const tail = run.catch(() => undefined);
    this.hostQueues.set(host, tail);
    return run;
  }

  private cacheFile(url: string): string | undefined {
    if (!this.options.cacheDir) return undefined;
    return join(this.options.cacheDir, `${createHash("sha256").update(url).digest("hex")}.json`);
  }

  private readCache(url: string): CacheEntry | undefined {
    const file = this.cacheFile(url);
    if (!file || !existsSync(file)) return undefined;
    try {
      const entry: unknown = JSON.parse(readFileSync(file, "utf8"));
      return entry && typeof entry === "object" && (entry as CacheEntry).url === url
        ? (entry as CacheEntry)
        : undefined;
    } catch {
      return undefined; // a broken cache entry is a cache miss
    }
  }

  private writeCache(entry: CacheEntry): void {
    const file = this.cacheFile(entry.url);
    if (!file || (!entry.etag && !entry.lastModified)) return;
    mkdirSync(this.options.cacheDir ?? ".", { recursive: true });
    writeFileAtomic(file, JSON.stringify(entry));
  }

  private async fetchWithRetries(url: string): Promise<FetchedResource> {
    const cached = this.readCache(url);
    let lastError: FetchError | undefined;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) {
        const backoff = this.options.backoffMs * 2 ** (attempt - 1);
        const asked = lastError?.cause instanceof RetryAfter ? lastError.cause.ms : undefined;
        await this.options.sleep(Math.min(asked ?? backoff, this.options.maxRetryAfterMs));
      }
      try {
        return await this.attempt(url, cached);
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        lastError = error;
        const again = error.status === undefined ? error.cause !== "size" : retryable(error.status);
        if (!again) throw error;
      }
    }
    throw new FetchError(
      url,
      `${lastError?.message.replace(`${url}: `, "")} (gave up after ${this.options.retries + 1} attempts)`,
      {
        ...(lastError?.status !== undefined ? { status: lastError.status } : {}),
        cause: lastError,
      },
    );
  }

  private async attempt(url: string, cached: CacheEntry | undefined): Promise<FetchedResource> {
    const headers: Record<string, string> = { "user-agent": this.options.userAgent, accept: "*/*" };
    if (cached?.etag) headers["if-none-match"] = cached.etag;
    if (cached?.lastModified) headers["if-modified-since"] = cached.lastModified;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: controller.signal, redirect: "follow" });
      } catch (cause) {
        const what = controller.signal.aborted
          ? `timed out after ${this.options.timeoutMs} ms`
          : `network error (${networkReason(cause)})`;
        throw new FetchError(url, `${what}. Check the URL and the connection, or try again later.`, {
          cause,
        });
      }
      if (response.status === 304 && cached) {
        await response.body?.cancel();
        return {
          url,
          finalUrl: cached.finalUrl,
          contentType: cached.contentType,
          bytes: Buffer.from(cached.body, "base64"),
          via: "revalidated",
        };
      }
      if (!response.ok) {
        await response.body?.cancel();
        const wait = retryAfterMs(response.headers.get("retry-after"));
        throw new FetchError(
          url,
          `HTTP ${response.status} ${response.statusText}`.trim() + statusHint(response.status),
          {
            status: response.status,
            ...(wait !== undefined ? { cause: new RetryAfter(wait) } : {}),
          },
        );
      }
      const bytes = await readLimited(response, this.options.maxBytes, url, controller);
      const resource: FetchedResource = {
        url,
        finalUrl: response.url || url,
        contentType: response.headers.get("content-type") ?? undefined,
        bytes,
        via: "network",
      };
      const etag = response.headers.get("etag");
      const lastModified = response.headers.get("last-modified");
      this.writeCache({
        url,
        finalUrl: resource.finalUrl,
        ...(resource.contentType ? { contentType: resource.contentType } : {}),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
        body: Buffer.from(bytes).toString("base64"),
      });
      return resource;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The server's Retry-After, carried as a FetchError's cause. */
class RetryAfter {
  constructor(readonly ms: number) {}
}

function statusHint(status: number): string {
  if (status === 404 || status === 410) return ": the page is gone. Check the URL.";
  if (status === 401 || status === 403)
    return ": access refused (paywall or bot block). Save the page from a browser and ingest the file.";
  if (status === 429) return ": rate-limited by the server. Try again later.";
  if (status >= 500) return ": the server failed. Try again later.";
  return ".";
}

function networkReason(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
  return inner?.code ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
}

/** Reads a body up to `limit` bytes, aborting the stream as soon as it goes past. */
async function readLimited(
  response: Response,
  limit: number,
  url: string,
  controller: AbortController,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const tooBig = () =>
    new FetchError(
      url,
      `response is larger than the ${limit}-byte limit. Save the page from a browser and ingest the file.`,
      {
        cause: "size",
      },
    );
  if (declared > limit) {
    controller.abort();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      const what = controller.signal.aborted
        ? "timed out while reading the body"
        : `network error while reading (${networkReason(cause)})`;
      throw new FetchError(url, `${what}. Try again later.`, { cause });
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > limit) {
      await reader.cancel();
      controller.abort();
      throw tooBig();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}
