// The RSS plugin ships no types. The feeds use its two date helpers, imported from their own files:
// the plugin's entry point also loads its HTML transforms, which the site does not use.
declare module "@11ty/eleventy-plugin-rss/src/dateRfc3339.js" {
  export default function dateToRfc3339(date: Date): string;
}
declare module "@11ty/eleventy-plugin-rss/src/dateRfc822.js" {
  export default function dateToRfc822(date: Date, timeZone?: string): string;
}
