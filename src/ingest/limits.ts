/**
 * Limits on what ingest accepts, and the error for an input refused before any stage sees it.
 * Every reader checks these before parsing, so one oversized or undecodable input is reported as
 * that input's failure and the run goes on with the rest.
 */

/**
 * Largest input ingest reads: 10 MB. A saved article page with inline assets is 1–3 MB and a
 * text capture tens of KB; anything bigger is the wrong file (a video, a database dump) and would
 * only cost memory and time.
 */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** An input refused before parsing (too large, not decodable); the message says why and what to do. */
export class InputRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InputRejectedError";
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Throws an {@link InputRejectedError} when an input of `size` bytes is over {@link MAX_INPUT_BYTES}. */
export function checkInputSize(size: number): void {
  if (size > MAX_INPUT_BYTES)
    throw new InputRejectedError(
      `is ${megabytes(size)}, over the ${megabytes(MAX_INPUT_BYTES)} limit for one input (MAX_INPUT_BYTES); this is probably not an article. Check the file, or split it`,
    );
}
