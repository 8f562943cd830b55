import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { basename } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fetcher } from "../../../src/ingest/fetch.ts";
import { readInput } from "../../../src/ingest/read.ts";
import { acquireUrl, isUrlInput } from "../../../src/ingest/readers/url.ts";
import { describeReaderContract } from "./contract.ts";
import { fixtureInput } from "./helpers.ts";

/** What the local server answers, by path: bytes and content type. */
const served = new Map<string, { bytes: Uint8Array; type: string }>();
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const entry = served.get(req.url ?? "");
    if (!entry) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", entry.type);
    res.end(entry.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const TYPES: [RegExp, string][] = [
  [/\.html$/, "text/html; charset=utf-8"],
  [/\.rss$/, "application/rss+xml"],
];
const fetcher = new Fetcher({ userAgent: "media-digest/test", hostDelayMs: 0, retries: 0 });

describeReaderContract(
  { name: "url", accepts: (raw) => isUrlInput(raw.input) },
  {
    valid: [fixtureInput("article.html"), fixtureInput("full.rss")],
    extension: ".html",
    read: async (raw) => {
      const path = `/${basename(raw.input)}`;
      const type = TYPES.find(([re]) => re.test(path))?.[1] ?? "application/octet-stream";
      served.set(path, { bytes: raw.bytes, type });
      return readInput(await acquireUrl(`${base}${path}`, fetcher));
    },
  },
);

describe("url reader", () => {
  it("fetches with the final URL and the content type, for the readers to use", async () => {
    served.set("/page.html", { bytes: fixtureInput("article.html").bytes, type: "text/html" });
    const raw = await acquireUrl(`${base}/page.html`, fetcher);
    expect(raw).toMatchObject({
      input: `${base}/page.html`,
      url: `${base}/page.html`,
      contentType: "text/html",
    });
  });
});
