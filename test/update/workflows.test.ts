import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../helpers/shared.ts";

/**
 * The two GitHub Actions workflows of issue 15: the scheduled update and the tests. Both must be
 * valid against the published workflow schema (SchemaStore's github-workflow.json, which
 * @action-validator/core embeds), pin their actions, ask for the least permissions, and never run
 * with secrets on a pull request from a fork.
 */

const WORKFLOWS = ["update.yml", "test.yml"] as const;
const text = (name: string) => readFileSync(join(projectRoot, ".github", "workflows", name), "utf8");
// biome-ignore lint/suspicious/noExplicitAny: a workflow is free-form YAML, read field by field below.
const workflow = (name: string): any => parse(text(name));
/** Every `uses:` of every step of every job. */
const uses = (name: string): string[] =>
  Object.values(workflow(name).jobs as Record<string, { steps: { uses?: string }[] }>).flatMap((job) =>
    job.steps.flatMap((step) => (step.uses ? [step.uses] : [])),
  );

describe.each(WORKFLOWS)(".github/workflows/%s", (name) => {
  it("is valid against the published workflow schema", () => {
    expect(validateWorkflow(text(name)).errors).toEqual([]);
  });

  it("the schema check is not a formality: a broken copy of it fails", () => {
    const broken = text(name).replace(/runs-on:/, "run-on:");
    expect(validateWorkflow(broken).errors).not.toEqual([]);
  });

  it("pins every action to a full commit, with the version it is in a comment", () => {
    const actions = uses(name);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    for (const line of text(name)
      .split("\n")
      .filter((l) => /\buses:/.test(l)))
      expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it("grants no permission at the top beyond reading, and never runs on pull_request_target", () => {
    const flow = workflow(name);
    expect(Object.keys(flow.on)).not.toContain("pull_request_target");
    expect(["{}", JSON.stringify({ contents: "read" })]).toContain(JSON.stringify(flow.permissions));
    expect(text(name)).not.toMatch(/secrets\./);
  });
});

describe("the update workflow", () => {
  const flow = workflow("update.yml");
  const job = flow.jobs.update;
  const script = job.steps.map((s: { run?: string }) => s.run ?? "").join("\n");

  it("runs on a schedule and on demand only: never on pushes or pull requests", () => {
    expect(Object.keys(flow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(flow.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
  });

  it("may write contents (to push) and nothing else; one run at a time", () => {
    expect(job.permissions).toEqual({ contents: "write" });
    expect(flow.concurrency).toMatchObject({ group: "update", "cancel-in-progress": false });
  });

  it("runs the update without a build, commits the articles with a message that counts them, and pushes", () => {
    expect(script).toMatch(/npm run --silent update -- "\$\{args\[@\]\}"/);
    expect(script).toContain("args=(--no-build)");
    expect(script).toMatch(/--diff-filter=A -- articles/);
    expect(script).toMatch(/message="update: \$\(plural "\$new" "new article" "new articles"\)"/);
    expect(script).toMatch(/git commit --quiet -m "\$message"[\s\S]*git push/);
  });

  it("keeps the HTTP cache, the index of the articles and the subscriptions' state between runs", () => {
    const cached = job.steps.filter((s: { uses?: string }) => s.uses?.startsWith("actions/cache/"));
    expect(cached.map((s: { with: { path: string } }) => s.with.path.trim().split("\n"))).toEqual([
      [".cache/fetch", ".cache/ingest", "state"],
      [".cache/fetch", ".cache/ingest", "state"],
    ]);
    expect(cached[1].if).toBe("always()");
  });

  it("passes the on-demand input through the environment, never into the script's text", () => {
    expect(script).not.toMatch(/\$\{\{/);
  });
});

describe("the test workflow", () => {
  const flow = workflow("test.yml");
  const job = flow.jobs.test;

  it("runs the README's test command on every push and pull request", () => {
    expect(Object.keys(flow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    const command = /^npm test\b/m.exec(readme.split("```sh")[1] ?? "")?.[0];
    expect(command).toBe("npm test");
    expect(job.steps.map((s: { run?: string }) => s.run)).toContain(command);
  });

  it("reads contents only and keeps no credentials in the checkout", () => {
    expect(flow.permissions).toEqual({ contents: "read" });
    const checkout = job.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout.with["persist-credentials"]).toBe(false);
  });

  it("installs the system packages .ci/run installs", () => {
    const ci = readFileSync(join(projectRoot, ".ci", "run"), "utf8");
    const packages = (list: string) =>
      list
        .replace(/\\\n/g, " ")
        .match(/--no-install-recommends\s+([^>\n]+)/)?.[1]
        ?.trim()
        .split(/\s+/)
        .sort();
    const here = job.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    expect(packages(here)).toEqual(packages(ci));
  });
});
