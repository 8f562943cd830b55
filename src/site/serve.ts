import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

/**
 * A small static file server for the built site: `npm start` uses it to show the digest, and the
 * browser tests use it to serve exactly what Netlify would (with the headers passed in).
 */

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".rss": "application/rss+xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".opml": "text/x-opml; charset=utf-8",
};

/** The file for a URL path: `/a/` → `/a/index.html`; paths escaping the root are refused. */
async function fileFor(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  for (const file of [candidate, join(candidate, "index.html")]) {
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // not there; try the next candidate
    }
  }
  return undefined;
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `root` on localhost (port 0 picks a free one), with `headers(path)` on each response. */
export async function serveStatic(
  root: string,
  options: { port?: number; host?: string; headers?: (path: string) => Record<string, string> } = {},
): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    for (const [name, value] of Object.entries(options.headers?.(path) ?? {}))
      response.setHeader(name, value);
    const file = await fileFor(base, path);
    const status = file ? 200 : 404;
    const body = file ?? (await fileFor(base, "/404.html"));
    if (!body) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    // A Content-Type from the header rules (netlify.toml's feed types) wins, as it does on Netlify.
    if (!response.hasHeader("content-type"))
      response.setHeader("content-type", CONTENT_TYPES[extname(body)] ?? "application/octet-stream");
    response.writeHead(status);
    if (request.method === "HEAD") response.end();
    else createReadStream(body).pipe(response);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, ready);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host === "127.0.0.1" ? "localhost" : host}:${port}`,
    server,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
