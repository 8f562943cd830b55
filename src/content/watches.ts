import { existsSync } from "node:fs";
import { z } from "zod";
import { ContentError, ContentErrors } from "./errors.ts";
import { readYaml, registryIdSchema, zodProblems } from "./registry-yaml.ts";
import { REGISTRY_ID } from "./schema.ts";

/**
 * Watches (`registry/watches.yaml`): an operator's saved searches over topics and places, such as
 * "Russian elections" = `elections AND russia`. Each gets a page, feeds in the three formats and an
 * OPML entry, so any feed reader can follow it. The file is optional.
 *
 * A watch's `match` is a boolean expression: topic and place ids joined by AND, OR and NOT (in
 * capitals), with parentheses. NOT binds tightest, then AND, then OR, as in most query languages:
 * `elections AND russia OR belarus` is `(elections AND russia) OR belarus`. An id that is both a
 * topic and a place (kharkiv) is written `topic:kharkiv` or `place:kharkiv`.
 */

/** A parsed watch expression. */
export type WatchExpression =
  | { op: "topic" | "place"; id: string }
  | { op: "not"; of: WatchExpression }
  | { op: "and" | "or"; of: WatchExpression[] };

/** What an expression is checked against: the article's topics and places after overrides. */
export interface WatchSubject {
  topics: ReadonlySet<string>;
  places: ReadonlySet<string>;
}

export function matchesWatch(expression: WatchExpression, subject: WatchSubject): boolean {
  switch (expression.op) {
    case "topic":
      return subject.topics.has(expression.id);
    case "place":
      return subject.places.has(expression.id);
    case "not":
      return !matchesWatch(expression.of, subject);
    case "and":
      return expression.of.every((e) => matchesWatch(e, subject));
    case "or":
      return expression.of.some((e) => matchesWatch(e, subject));
  }
}

/** The expression written back in canonical form (every group in parentheses), for pages. */
export function describeWatch(expression: WatchExpression, names: (ref: WatchExpression) => string): string {
  switch (expression.op) {
    case "topic":
    case "place":
      return names(expression);
    case "not":
      return `not ${describeWatch(expression.of, names)}`;
    case "and":
    case "or":
      return expression.of
        .map((e) =>
          e.op === "and" || e.op === "or" ? `(${describeWatch(e, names)})` : describeWatch(e, names),
        )
        .join(expression.op === "and" ? " and " : " or ");
  }
}

/** A problem in an expression, with where it is (0-based character offset). */
export class WatchSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const TOKEN = /\s*(?:(\()|(\))|([A-Za-z0-9:_-]+))/y;

/**
 * Parses a watch expression. `resolve` turns a written reference (`elections`, `place:kharkiv`)
 * into a topic or place reference, or a problem to report.
 */
export function parseWatch(
  text: string,
  resolve: (ref: string) => { op: "topic" | "place"; id: string } | string,
): WatchExpression {
  const tokens: { text: string; offset: number }[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      if (/^\s*$/.test(text.slice(at))) break;
      const offset = at + (text.slice(at).length - text.slice(at).trimStart().length);
      throw new WatchSyntaxError(`unexpected "${text.slice(offset, offset + 1)}"`, offset);
    }
    const word = m[1] ?? m[2] ?? (m[3] as string);
    tokens.push({ text: word, offset: TOKEN.lastIndex - word.length });
    at = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const end = text.length;
  const expectOperand = (): WatchExpression => {
    const token = tokens[i++];
    if (!token) throw new WatchSyntaxError("ends where a topic, a place, NOT or ( is expected", end);
    if (token.text === "NOT") return { op: "not", of: expectOperand() };
    if (token.text === "(") {
      const inner = parseOr();
      const close = tokens[i++];
      if (close?.text !== ")")
        throw new WatchSyntaxError('has a "(" that is never closed', close?.offset ?? end);
      return inner;
    }
    if (token.text === ")" || token.text === "AND" || token.text === "OR")
      throw new WatchSyntaxError(`has "${token.text}" where a topic or place is expected`, token.offset);
    if (/^(?:and|or|not)$/i.test(token.text))
      throw new WatchSyntaxError(
        `has "${token.text}": write the operators in capitals (AND, OR, NOT)`,
        token.offset,
      );
    const ref = resolve(token.text);
    if (typeof ref === "string") throw new WatchSyntaxError(ref, token.offset);
    return ref;
  };
  const parseAnd = (): WatchExpression => {
    const of = [expectOperand()];
    while (peek()?.text === "AND") {
      i++;
      of.push(expectOperand());
    }
    return of.length === 1 ? (of[0] as WatchExpression) : { op: "and", of };
  };
  const parseOr = (): WatchExpression => {
    const of = [parseAnd()];
    while (peek()?.text === "OR") {
      i++;
      of.push(parseAnd());
    }
    return of.length === 1 ? (of[0] as WatchExpression) : { op: "or", of };
  };
  const expression = parseOr();
  const extra = peek();
  if (extra && /^(?:and|or|not)$/i.test(extra.text))
    throw new WatchSyntaxError(
      `has "${extra.text}": write the operators in capitals (AND, OR, NOT)`,
      extra.offset,
    );
  if (extra)
    throw new WatchSyntaxError(
      `has "${extra.text}" where AND, OR or the end is expected (join terms with AND or OR)`,
      extra.offset,
    );
  return expression;
}

const WatchSchema = z.strictObject({
  id: registryIdSchema,
  label: z.string().trim().min(1),
  description: z.string().trim().min(1).optional(),
  match: z.string().trim().min(1, "is empty: write topic and place ids joined by AND, OR, NOT"),
});

export interface Watch {
  id: string;
  label: string;
  description: string | undefined;
  /** The expression as the operator wrote it. */
  match: string;
  expression: WatchExpression;
}

/**
 * Loads and validates `watches.yaml` (a missing file is no watches) against the topic and place
 * ids: every reference known, ids unique, expressions well formed; problems name the line.
 */
export function loadWatches(
  file: string,
  known: { topics: ReadonlySet<string>; places: ReadonlySet<string> },
): Watch[] {
  if (!existsSync(file)) return [];
  const { data, lineOf } = readYaml(file);
  const parsed = z.strictObject({ watches: z.array(WatchSchema) }).safeParse(data);
  if (!parsed.success) throw new ContentErrors(zodProblems(file, parsed.error, lineOf));
  const problems: ContentError[] = [];
  const ids = new Set<string>();
  const resolve = (ref: string): { op: "topic" | "place"; id: string } | string => {
    const [kind, id] = ref.includes(":") ? ref.split(":", 2) : [undefined, ref];
    if (kind !== undefined && kind !== "topic" && kind !== "place")
      return `has "${ref}": a prefix is topic: or place:`;
    if (!id || !REGISTRY_ID.test(id)) return `has "${ref}", which is not a topic or place id`;
    const isTopic = known.topics.has(id);
    const isPlace = known.places.has(id);
    if (kind === "topic") return isTopic ? { op: "topic", id } : `has "${ref}", but "${id}" is not a topic`;
    if (kind === "place") return isPlace ? { op: "place", id } : `has "${ref}", but "${id}" is not a place`;
    if (isTopic && isPlace)
      return `has "${id}", which is both a topic and a place: write topic:${id} or place:${id}`;
    if (isTopic) return { op: "topic", id };
    if (isPlace) return { op: "place", id };
    return `has "${id}", which is neither a topic (registry/topics.yaml) nor a place (registry/places.yaml)`;
  };
  const watches: Watch[] = [];
  parsed.data.watches.forEach((watch, index) => {
    const at = (field: string) => `${file}:${lineOf(["watches", index, field]) ?? "?"}`;
    if (ids.has(watch.id))
      problems.push(
        new ContentError({
          file: at("id"),
          field: `watches[${index}].id`,
          problem: `"${watch.id}" is already the id of another watch`,
          fix: "Give each watch its own id.",
        }),
      );
    ids.add(watch.id);
    try {
      watches.push({
        id: watch.id,
        label: watch.label,
        description: watch.description,
        match: watch.match,
        expression: parseWatch(watch.match, resolve),
      });
    } catch (error) {
      if (!(error instanceof WatchSyntaxError)) throw error;
      problems.push(
        new ContentError({
          file: at("match"),
          field: `watches[${index}].match`,
          problem: `${error.message} (at character ${error.offset + 1} of "${watch.match}")`,
          fix: "Write topic and place ids joined by AND, OR and NOT, with parentheses to group: elections AND (russia OR belarus).",
        }),
      );
    }
  });
  if (problems.length > 0) throw new ContentErrors(problems);
  return watches;
}
