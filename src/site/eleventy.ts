/**
 * The part of Eleventy's untyped configuration API that the site uses, typed once here so the rest
 * of src/site never touches `any`.
 */

/** Data of an 11ty.js virtual template: what front matter would hold, with functions allowed. */
export interface PageData {
  layout?: string;
  permalink: string | ((data: Record<string, unknown>) => string);
  pagination?: { data: string; size: number; alias: string; addAllPagesToCollections?: boolean };
  eleventyExcludeFromCollections?: boolean;
  [key: string]: unknown;
}

export interface EleventyConfig {
  addTemplate(
    virtualPath: string,
    content: { data: () => PageData; render: (data: Record<string, unknown>) => string },
  ): void;
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  addWatchTarget(path: string): void;
  setInputDirectory(dir: string): void;
  setOutputDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setQuietMode(quiet: boolean): void;
  ignores: Set<string>;
  on(event: "eleventy.after", callback: (event: { dir: { output: string } }) => unknown): void;
}
