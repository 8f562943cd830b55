import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * External things some tests need (Debian's Chromium, python3-feedparser, xmllint, jing, newsboat). In CI they
 * must be there, so a missing one fails the run; on a developer's machine the test is skipped with
 * one line saying what is missing and how to get it.
 */

export interface Requirement {
  name: string;
  available: boolean;
  install: string;
}

function probe(name: string, install: string, check: () => boolean): Requirement {
  let available = false;
  try {
    available = check();
  } catch {
    available = false;
  }
  return { name, available, install };
}

export const CHROMIUM_PATH = "/usr/bin/chromium";
/**
 * Debian's chromium-headless-shell: the same Chromium engine and version without the browser's
 * window layer, for the tests that visit thousands of pages (1.7 times the pages a second of
 * full Chromium on this 2-core machine). What a reader sees is checked in full Chromium.
 */
export const HEADLESS_SHELL_PATH = "/usr/bin/chromium-headless-shell";
/** Debian's Python, which is where python3-feedparser installs (a pyenv python3 would not see it). */
export const DEBIAN_PYTHON = "/usr/bin/python3";

export const chromium = probe("Debian chromium", "apt-get install chromium", () => existsSync(CHROMIUM_PATH));
export const headlessShell = probe(
  "Debian chromium-headless-shell",
  "apt-get install chromium-headless-shell",
  () => existsSync(HEADLESS_SHELL_PATH),
);
export const feedparser = probe("python3-feedparser", "apt-get install python3-feedparser", () => {
  execFileSync(DEBIAN_PYTHON, ["-c", "import feedparser"], { stdio: "ignore" });
  return true;
});
export const xmllint = probe("xmllint", "apt-get install libxml2-utils", () => {
  execFileSync("xmllint", ["--version"], { stdio: "ignore" });
  return true;
});

export const jing = probe("jing", "apt-get install jing", () => existsSync("/usr/bin/jing"));
export const newsboat = probe("newsboat", "apt-get install newsboat", () => {
  execFileSync("newsboat", ["--version"], { stdio: "ignore" });
  return true;
});
export const sqlite3 = probe("sqlite3", "apt-get install sqlite3", () => {
  execFileSync("sqlite3", ["--version"], { stdio: "ignore" });
  return true;
});

/**
 * Whether tests needing `requirements` should run. Throws in CI when one is missing (so CI can
 * never pass by skipping), prints one line and returns false elsewhere.
 */
export function canRun(...requirements: Requirement[]): boolean {
  const missing = requirements.filter((r) => !r.available);
  if (missing.length === 0) return true;
  const what = missing.map((r) => `${r.name} (${r.install})`).join(", ");
  if (process.env.CI) throw new Error(`CI must have ${what}; .ci/run installs it.`);
  console.warn(`Skipping: missing ${what}.`);
  return false;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];
