import { type ParseArgsConfig, parseArgs } from "node:util";

/**
 * Parses an npm script's command line strictly (`parseArgs` of node:util): an unknown option, a
 * missing value or a stray argument is a usage error, one line naming it and the script's usage,
 * exit code 2, not a stack trace.
 */
export function scriptOptions<const T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>>["values"] {
  try {
    return parseArgs({ strict: true, ...config }).values;
  } catch (error) {
    if (!(error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw error;
    console.error(`${(error as Error).message.split("\n")[0]}\nUsage: ${usage}`);
    process.exit(2);
  }
}
