// Article pages: when opened from a search result (?pagefind-highlight=term), mark the searched
// terms in the article. Pagefind's highlighter (~44 KB) is fetched only then; otherwise this file
// does nothing. An external file because the Content-Security-Policy forbids inline scripts.
(() => {
  const PARAM = "pagefind-highlight";
  if (!new URLSearchParams(window.location.search).has(PARAM)) return;
  import("/pagefind/pagefind-highlight.js")
    .then(() => {
      // addStyles would inject a <style> element, which the CSP (style-src 'self') refuses; the
      // browser's own <mark> style shows the highlight instead.
      new window.PagefindHighlight({
        highlightParam: PARAM,
        markContext: "[data-pagefind-body]",
        markOptions: {
          className: "pagefind-highlight",
          exclude: [
            "[data-pagefind-ignore]",
            "[data-pagefind-ignore] *",
            ".search-aliases",
            ".search-aliases *",
          ],
        },
        addStyles: false,
      });
    })
    .catch((error) => console.warn("Search highlighting is unavailable:", error));
})();
