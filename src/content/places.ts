import { existsSync } from "node:fs";
import { z } from "zod";
import { ContentError, ContentErrors } from "./errors.ts";
import {
  perLanguage,
  perLanguageOptional,
  phraseList,
  readYaml,
  registryIdSchema,
  termList,
  zodProblems,
} from "./registry-yaml.ts";

/**
 * The place registry (`registry/places.yaml`): countries, regions and cities an article can be
 * about. A place is a facet beside topics: tagged by the same matcher (src/ingest/tag.ts) from its
 * names, adjectives and inflections in every language, with evidence, and a filter, a list on topic
 * pages, and a page with feeds of its own. The file is optional: without it no place is tagged.
 */

/** What a place is, for the places index (countries first, then regions, then cities). */
export const PLACE_KINDS = ["country", "region", "city"] as const;

/**
 * How much mention makes an article about a place, unless the place sets its own: a name in the
 * title (3), in the summary and once in the body (2 + 1), or three times in the body.
 */
export const PLACE_THRESHOLD = 3;

const PlaceSchema = z.strictObject({
  id: registryIdSchema,
  kind: z.enum(PLACE_KINDS),
  labels: perLanguage(z.string().min(1)),
  /** The place this one lies in (Kharkiv in Ukraine): an article about it is about that place too. */
  within: registryIdSchema.optional(),
  terms: perLanguage(termList),
  exclude: perLanguageOptional(phraseList).default({}),
  threshold: z.number().positive().default(PLACE_THRESHOLD),
});

export type Place = z.output<typeof PlaceSchema>;

/**
 * Loads and validates `places.yaml` (a missing file is an empty registry): ids unique, `within`
 * names a known place and never loops, no name claimed by two places.
 */
export function loadPlaces(file: string): Place[] {
  if (!existsSync(file)) return [];
  const { data, lineOf } = readYaml(file);
  const parsed = z.strictObject({ places: z.array(PlaceSchema) }).safeParse(data);
  if (!parsed.success) throw new ContentErrors(zodProblems(file, parsed.error, lineOf));
  const places = parsed.data.places;
  const problems: ContentError[] = [];
  const at = (index: number, path: (string | number)[]) =>
    `${file}:${lineOf(["places", index, ...path]) ?? "?"}`;
  const byId = new Map<string, Place>();
  const nameOwner = new Map<string, string>();
  places.forEach((place, index) => {
    if (byId.has(place.id))
      problems.push(
        new ContentError({
          file: at(index, ["id"]),
          field: `places[${index}].id`,
          problem: `"${place.id}" is already the id of another place`,
          fix: "Give each place its own id.",
        }),
      );
    byId.set(place.id, place);
    for (const [language, list] of Object.entries(place.terms))
      for (const { term } of list ?? []) {
        const key = term.toLocaleLowerCase();
        const owner = nameOwner.get(key);
        if (owner && owner !== place.id)
          problems.push(
            new ContentError({
              file: at(index, ["terms", language]),
              field: `places[${index}].terms.${language}`,
              problem: `name "${term}" is also a name of place "${owner}"`,
              fix: "A name may belong to one place only; remove it from one of them.",
            }),
          );
        nameOwner.set(key, place.id);
      }
  });
  places.forEach((place, index) => {
    if (place.within === undefined) return;
    const seen = new Set([place.id]);
    for (let up: string | undefined = place.within; up !== undefined; up = byId.get(up)?.within) {
      const problem = !byId.has(up)
        ? `"${up}" is not a place in this file (known: ${[...byId.keys()].join(", ")})`
        : seen.has(up)
          ? `makes a loop (${[...seen, up].join(" → ")})`
          : undefined;
      if (problem) {
        problems.push(
          new ContentError({
            file: at(index, ["within"]),
            field: `places[${index}].within`,
            problem,
            fix: "Name the place this one lies in by its id, or remove `within`.",
          }),
        );
        return;
      }
      seen.add(up);
    }
  });
  if (problems.length > 0) throw new ContentErrors(problems);
  return places;
}
