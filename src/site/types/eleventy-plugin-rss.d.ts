// The RSS plugin ships no types; these are the two helpers the feeds use.
declare module "@11ty/eleventy-plugin-rss" {
  export function dateToRfc3339(date: Date): string;
  export function dateToRfc822(date: Date): string;
}
