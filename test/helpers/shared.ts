import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

/**
 * Test access to `../shared` (seed captures and other inputs shared between worktrees), located
 * relative to the project root. When it is missing, tests that need it are skipped with one clear
 * line locally, and fail on CI (`process.env.CI` set), where a missing seed is a broken checkout.
 */

/** The project root (the folder with package.json). */
export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The shared folder: `../shared` next to the project root. */
export const sharedRoot = resolve(projectRoot, "../shared");

/** An absolute path inside the shared folder. */
export function sharedPath(...parts: string[]): string {
  return resolve(sharedRoot, ...parts);
}

/** Whether the shared file or folder exists. */
export function hasShared(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
}

function missingMessage(parts: string[]): string {
  return `../shared is missing: ${sharedPath(...parts)} not found`;
}

/**
 * `describe` that needs a shared file: runs when it exists; otherwise fails on CI and is skipped
 * (with the missing path in its name) elsewhere.
 */
export function describeWithShared(name: string, parts: string[], body: () => void): void {
  if (hasShared(...parts)) describe(name, body);
  else if (process.env.CI)
    describe(name, () => {
      it("needs ../shared", () => {
        throw new Error(missingMessage(parts));
      });
    });
  else {
    console.warn(`skipped "${name}": ${missingMessage(parts)}`);
    describe.skip(`${name} — skipped: ${missingMessage(parts)}`, body);
  }
}

/** `it` that needs a shared file; same rules as {@link describeWithShared}. */
export function itNeedsShared(
  name: string,
  parts: string[],
  body: () => void | Promise<void>,
  timeout?: number,
): void {
  if (hasShared(...parts)) it(name, body, timeout);
  else if (process.env.CI)
    it(name, () => {
      throw new Error(missingMessage(parts));
    });
  else {
    console.warn(`skipped "${name}": ${missingMessage(parts)}`);
    it.skip(`${name} — skipped: ${missingMessage(parts)}`, body);
  }
}
