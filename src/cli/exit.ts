/** The exit codes every command shares: 0 nothing failed, 1 some inputs (or a registry) failed, 2 usage error. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

/** A command's usage error: the message, its usage text, exit 2. */
export function usageErrorOf(command: string, usage: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`${command}: ${message}\n\n${usage}\n`);
    process.exit(EXIT.usage);
  };
}
