import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchError, Fetcher, type FetcherOptions, retryAfterMs } from "../../src/ingest/fetch.ts";

/** A local server whose routes the tests define; never the internet. */
type Handler = (req: IncomingMessage, res: ServerResponse, hits: number) => void;
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
let server: Server;
let base: string;
let active = 0;
let maxActive = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    active++;
    maxActive = Math.max(maxActive, active);
    res.on("close", () => active--);
    const handler = routes.get(path);
    if (handler) handler(req, res, n);
    else {
      res.statusCode = 404;
      res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fetcher = (options: Partial<FetcherOptions> = {}) =>
  new Fetcher({ userAgent: "media-digest/test", hostDelayMs: 0, backoffMs: 5, timeoutMs: 2_000, ...options });

describe("Fetcher (local server on 127.0.0.1)", () => {
  it("sends a User-Agent naming media-digest", async () => {
    let agent = "";
    routes.set("/ua", (req, res) => {
      agent = req.headers["user-agent"] ?? "";
      res.end("ok");
    });
    await fetcher().get(`${base}/ua`);
    expect(agent).toBe("media-digest/test");
  });

  it("times out a request that never answers, retrying, then names the URL", async () => {
    routes.set("/slow", () => {
      // never answers
    });
    const error = await fetcher({ timeoutMs: 100, retries: 1 })
      .get(`${base}/slow`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toMatch(/\/slow: timed out after 100 ms.*gave up after 2 attempts/);
    expect(hits.get("/slow")).toBe(2);
  });

  it("retries a 503 with backoff, honouring Retry-After (capped), then succeeds", async () => {
    const waits: number[] = [];
    routes.set("/flaky", (_req, res, n) => {
      if (n < 3) {
        res.statusCode = n === 1 ? 503 : 429;
        if (n === 2) res.setHeader("retry-after", "120");
        res.end();
      } else res.end("finally");
    });
    const result = await fetcher({
      maxRetryAfterMs: 50,
      sleep: async (ms) => {
        waits.push(ms);
      },
    }).get(`${base}/flaky`);
    expect(new TextDecoder().decode(result.bytes)).toBe("finally");
    expect(waits.slice(0, 2)).toEqual([5, 50]);
  });

  it("reports a 404 at once (no retry) with the status and what to do", async () => {
    const error = await fetcher()
      .get(`${base}/missing`)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "FetchError", status: 404 });
    expect((error as Error).message).toMatch(
      /\/missing: HTTP 404 Not Found: the page is gone\. Check the URL\./,
    );
    expect(hits.get("/missing")).toBe(1);
  });

  it("aborts a body larger than the size limit while streaming", async () => {
    routes.set("/huge", (_req, res) => {
      res.setHeader("content-type", "text/html");
      const chunk = "x".repeat(1024);
      let sent = 0;
      const push = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent < 200) res.once("drain", push);
        else res.end();
      };
      push();
    });
    const error = await fetcher({ maxBytes: 10_000 })
      .get(`${base}/huge`)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/larger than the 10000-byte limit/);
    expect(hits.get("/huge")).toBe(1);
  });

  it("caches with ETag: a second fetch revalidates (304) and the server sends the body once", async () => {
    let bodies = 0;
    routes.set("/cached", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') {
        res.statusCode = 304;
        res.end();
        return;
      }
      bodies++;
      res.setHeader("etag", '"v1"');
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end("<p>cached</p>");
    });
    const cacheDir = mkdtempSync(join(tmpdir(), "fetch-cache-"));
    const first = await fetcher({ cacheDir }).get(`${base}/cached`);
    const second = await fetcher({ cacheDir }).get(`${base}/cached`);
    expect(first.via).toBe("network");
    expect(second).toMatchObject({ via: "revalidated", contentType: "text/html; charset=utf-8" });
    expect(new TextDecoder().decode(second.bytes)).toBe("<p>cached</p>");
    expect(bodies).toBe(1);
  });

  it("sends one request at a time to a host, with the delay between them", async () => {
    routes.set("/one", (_req, res) => setTimeout(() => res.end("1"), 30));
    routes.set("/two", (_req, res) => setTimeout(() => res.end("2"), 30));
    routes.set("/three", (_req, res) => setTimeout(() => res.end("3"), 30));
    maxActive = 0;
    const client = fetcher({ hostDelayMs: 10 });
    const results = await Promise.all(["/one", "/two", "/three"].map((p) => client.get(`${base}${p}`)));
    expect(results.map((r) => new TextDecoder().decode(r.bytes))).toEqual(["1", "2", "3"]);
    expect(maxActive).toBe(1);
  });

  it("refuses a non-http URL without a request", async () => {
    await expect(fetcher().get("file:///etc/passwd")).rejects.toThrow(/is not an http\(s\) URL/);
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(
      5000,
    );
    expect(retryAfterMs("soon")).toBeUndefined();
  });
});
