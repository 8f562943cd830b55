// The search page: Pagefind's component UI (loaded before this file) does the searching; this
// file keeps the query in the URL (?q=…), so a search can be reloaded and shared.
// A separate file, not an inline script, so the Content-Security-Policy can forbid inline code.
window.addEventListener("DOMContentLoaded", () => {
  const instance = window.PagefindComponents.getInstanceManager().getInstance("default");
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    const input = document.querySelector("pagefind-input input");
    if (input) input.value = query;
    instance.triggerSearch(query);
  }
  instance.on("search", (term) => {
    const url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term);
    else url.searchParams.delete("q");
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  });
});
