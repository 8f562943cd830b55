import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";

// patches/linkedom+…+lazy-event-listener-maps.patch: listener maps are created on first use.
// These tests hold the patched linkedom to the DOM's event behaviour, and fail if the install did
// not apply the patch (extraction would silently be a third slower).

describe("linkedom with lazy event-listener maps", () => {
  it("is the patched build", () => {
    const require = createRequire(import.meta.url);
    for (const flavour of ["cjs", "esm"]) {
      const file = require
        .resolve("linkedom")
        .replace(/cjs[/\\]index\.js$/u, `${flavour}/interface/event-target.js`);
      expect(readFileSync(file, "utf8")).not.toContain("wm.set(this, new Map)");
    }
  });

  it("still delivers, bubbles, fires once and removes listeners", () => {
    const { document, Event } = parseHTML("<html><body><div id=outer><p id=inner>x</p></div></body></html>");
    const outer = document.getElementById("outer");
    const inner = document.getElementById("inner");
    const seen: string[] = [];
    const onInner = () => seen.push("inner");
    inner?.addEventListener("ping", onInner);
    outer?.addEventListener("ping", () => seen.push("outer"));
    inner?.addEventListener("pong", () => seen.push("once"), { once: true });

    inner?.dispatchEvent(new Event("ping", { bubbles: true }));
    inner?.dispatchEvent(new Event("pong"));
    inner?.dispatchEvent(new Event("pong"));
    inner?.removeEventListener("ping", onInner);
    inner?.dispatchEvent(new Event("ping", { bubbles: true }));
    // A node that never had a listener can dispatch and remove without throwing.
    const lonely = document.createElement("span");
    lonely.removeEventListener("ping", onInner);
    expect(lonely.dispatchEvent(new Event("ping"))).toBe(true);

    expect(seen).toEqual(["inner", "outer", "once", "outer"]);
  });
});
