import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { headersFor, readHeaderRules } from "../../src/site/netlify-headers.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";

/**
 * Issue 7, "headers": netlify.toml puts exactly these security headers on every response, and the
 * CSP has exactly these directives (no inline script or style; 'wasm-unsafe-eval' for Pagefind).
 * The browser side (headers arriving, inline script blocked) is in hostile-content.test.ts.
 */

const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
  "X-Frame-Options": "DENY",
};

const CSP_DIRECTIVES = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "worker-src": ["'self'", "blob:"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** A CSP header as directive → sources. */
function parseCsp(value: string): Record<string, string[]> {
  return Object.fromEntries(
    value
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

const rules = readHeaderRules(resolve(PROJECT_ROOT, "netlify.toml"));

describe("netlify.toml security headers", () => {
  it("sets exactly the security headers on every path", () => {
    const securityNames = Object.keys(SECURITY_HEADERS);
    for (const path of ["/", "/articles/2024/03/22/x/", "/feed.xml", "/pagefind/pagefind.js", "/404.html"]) {
      const headers = headersFor(rules, path);
      const security = Object.fromEntries(Object.entries(headers).filter(([n]) => securityNames.includes(n)));
      expect(security, path).toEqual(SECURITY_HEADERS);
      // Other rules only add caching and content types, never weaken these.
      for (const name of Object.keys(headers))
        expect([...securityNames, "Cache-Control", "Content-Type"]).toContain(name);
    }
  });

  it("has exactly the CSP directives: no inline script or style, wasm for search, no framing", () => {
    const csp = parseCsp(headersFor(rules, "/")["Content-Security-Policy"] ?? "");
    expect(csp).toEqual(CSP_DIRECTIVES);
    for (const sources of Object.values(csp)) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
    }
  });
});
