/**
 * DOM helpers that work the same on linkedom as in a browser. linkedom's getElementsByTagName
 * does not understand "*" (it returns nothing), and CSS selectors are slow on big pages, so
 * "every element below" is a plain walk.
 */

/** Every element below `root` (not `root` itself), in document order. */
export function allElements(root: Element | Document): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [];
  let child = root.firstElementChild;
  while (child) {
    out.push(child);
    const first = child.firstElementChild;
    if (first) {
      const next = child.nextElementSibling;
      if (next) stack.push(next);
      child = first;
    } else child = child.nextElementSibling ?? stack.pop() ?? null;
  }
  return out;
}

/**
 * Page furniture: menus, the page's header and footer, sidebars, by tag or ARIA landmark role.
 * What a page says is what lies outside them (page-kind.ts measures it; content.ts keeps it as a
 * held page's text).
 */
const FURNITURE_TAGS = ["nav", "header", "footer", "aside"];
const FURNITURE_ROLES = ["navigation", "banner", "contentinfo", "complementary"];
/** The furniture as a CSS selector. */
export const FURNITURE_SELECTOR = [...FURNITURE_TAGS, ...FURNITURE_ROLES.map((r) => `[role=${r}]`)].join(
  ", ",
);
const FURNITURE_TAG_NAMES = new Set(FURNITURE_TAGS.map((t) => t.toUpperCase()));
const FURNITURE_ROLE_NAMES = new Set(FURNITURE_ROLES);
/** Whether an element is furniture itself (not whether it lies inside some). */
export function isFurniture(el: Element): boolean {
  return FURNITURE_TAG_NAMES.has(el.tagName) || FURNITURE_ROLE_NAMES.has(el.getAttribute("role") ?? "");
}
