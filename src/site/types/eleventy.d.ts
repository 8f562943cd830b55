// Eleventy's package points its types at plain JavaScript; the constructor and the two build
// calls the site uses are declared here (the config API is typed in src/site/eleventy.ts).
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    toJSON(): Promise<unknown>;
  }
}
