/**
 * A problem with one article or registry file, phrased for the person who has to fix it:
 * which file, which field, what is wrong and what to do.
 */
export class ContentError extends Error {
  readonly file: string;
  readonly field: string | undefined;
  readonly problem: string;
  readonly fix: string;

  constructor(options: {
    file: string;
    field?: string | undefined;
    problem: string;
    fix: string;
    cause?: unknown;
  }) {
    const where = options.field ? `${options.file}: ${options.field}` : options.file;
    super(`${where}: ${options.problem}. ${options.fix}`, { cause: options.cause });
    this.name = "ContentError";
    this.file = options.file;
    this.field = options.field;
    this.problem = options.problem;
    this.fix = options.fix;
  }
}

/** Several content problems found in one pass, reported together so one build shows them all. */
export class ContentErrors extends Error {
  readonly errors: readonly ContentError[];

  constructor(errors: readonly ContentError[]) {
    super(
      `${errors.length} content problem${errors.length === 1 ? "" : "s"}:\n${errors.map((e) => `  - ${e.message}`).join("\n")}`,
    );
    this.name = "ContentErrors";
    this.errors = errors;
  }
}
