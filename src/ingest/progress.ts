/**
 * Progress of a run on stderr: a redrawn bar on a terminal, plain lines elsewhere (CI logs, pipes),
 * so a long run shows it is alive without filling a terminal or garbling a log.
 */

export interface Progress {
  /** A run of `total` inputs starts (more may be added as feeds are followed). */
  start(total: number): void;
  /** More work was found (items of a feed, feeds of an OPML file). */
  add(count: number): void;
  /** One input is done. */
  tick(input: string, status: string): void;
  /** The run goes on to a stage after its inputs (a large run's stories, its writes): one line. */
  stage(line: string): void;
  done(): void;
}

/** Progress that prints nothing (tests, --json to a pipe when asked to be quiet). */
export const silentProgress: Progress = { start() {}, add() {}, tick() {}, stage() {}, done() {} };

/** Width of the bar in characters. */
const BAR_WIDTH = 30;

/** Progress to a stream: a bar when `isTTY`, otherwise one line per input. */
export function streamProgress(stream: { write(text: string): unknown; isTTY?: boolean }): Progress {
  let total = 0;
  let done = 0;
  const line = (input: string, status: string) => `[${done}/${total}] ${status}: ${input}`;
  return {
    start(count) {
      total = count;
      done = 0;
    },
    add(count) {
      total += count;
    },
    tick(input, status) {
      done++;
      if (stream.isTTY) {
        const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
        const bar = `${"█".repeat(filled)}${"░".repeat(Math.max(0, BAR_WIDTH - filled))}`;
        const name = input.length > 50 ? `…${input.slice(-49)}` : input;
        stream.write(`\r\x1b[2K${bar} ${done}/${total} ${name}`);
      } else stream.write(`${line(input, status)}\n`);
    },
    stage(text) {
      // On a terminal the line replaces the bar, which the run has finished with.
      stream.write(stream.isTTY ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
    done() {
      if (stream.isTTY && done > 0) stream.write("\r\x1b[2K");
    },
  };
}
