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
