// The gate on a throwaway repository: the released contract, a working spec with one change, the published
// packages it reaches, and the changesets a contributor would add.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OpenApiDocument, runSpecDiff } from "../src/index.js";
import { changed, released, schema } from "./support.js";

let root: string;

async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(join(root, path, ".."), { recursive: true });
  await writeFile(join(root, path), JSON.stringify(value, null, 2));
}

/** spec (1.0.0) ← types ← client; mock ← spec; bench is private. */
async function workspace(): Promise<void> {
  await writeFile(
    join(root, "pnpm-workspace.yaml"),
    "packages:\n  - spec\n  - packages/*\n  - bench\n\nallowBuilds: {}\n",
  );
  await writeJson("spec/package.json", { name: "@zuora-reports/spec", version: "1.0.0" });
  // The types are generated from the spec at build time: a dev dependency, yet the spec reaches their surface.
  await writeJson("packages/types/package.json", {
    name: "@zuora-reports/types",
    version: "1.0.0",
    devDependencies: { "@zuora-reports/spec": "workspace:^" },
  });
  await writeJson("packages/client/package.json", {
    name: "@zuora-reports/client",
    version: "1.0.0",
    dependencies: { "@zuora-reports/types": "workspace:^" },
  });
  await writeJson("packages/mock/package.json", {
    name: "@zuora-reports/mock",
    version: "0.4.0",
    dependencies: { "@zuora-reports/spec": "workspace:^" },
  });
  await writeJson("bench/package.json", {
    name: "@zuora-reports/bench",
    private: true,
    dependencies: { "@zuora-reports/client": "workspace:^" },
  });
  // Only tests use the mock here: the spec does not reach this package through it.
  await writeJson("packages/report-tool/package.json", {
    name: "report-tool",
    version: "3.0.0",
    devDependencies: { "@zuora-reports/mock": "workspace:^" },
  });
  await writeJson("spec/released/openapi.json", released);
}

async function working(document: OpenApiDocument, version?: string): Promise<void> {
  const copy = structuredClone(document) as { info: { version: string } };
  if (version) {
    copy.info.version = version;
  }
  await writeJson("spec/dist/openapi.json", copy);
}

async function changeset(name: string, bumps: Record<string, string>): Promise<void> {
  const lines = Object.entries(bumps).map(([pkg, level]) => `"${pkg}": ${level}`);
  await mkdir(join(root, ".changeset"), { recursive: true });
  await writeFile(join(root, ".changeset", `${name}.md`), `---\n${lines.join("\n")}\n---\n\nWhat changed.\n`);
}

const removedField = changed((doc) => {
  const run = schema(doc, "ReportRun");
  delete run.properties.updatedOn;
  run.required = run.required?.filter((name) => name !== "updatedOn");
});
const addedField = changed((doc) => {
  schema(doc, "ReportRun").properties.archivedOn = { type: "string" };
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "spec-diff-"));
  await workspace();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("spec:diff", () => {
  it("reports nothing and exits 0 on an unchanged spec", async () => {
    await working(released);
    const outcome = await runSpecDiff({ root, gate: true });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines).toEqual(["No changes since the released contract (1.0.0)."]);
  });

  it("lists each change, one line with its level, sentence and path, and exits 1", async () => {
    await working(removedField);
    const outcome = await runSpecDiff({ root });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines[0]).toMatch(
      /^breaking {6}response field `response\.updatedOn` of Get Report Run \(200\) removed {2}\$\.paths\['\/reportruns\/\{reportRunId\}'\]/,
    );
    expect(outcome.lines.at(-1)).toBe("2 changes since the released contract (1.0.0): 2 breaking.");
  });

  it("fails the gate on a breaking change, naming the field and every bump it needs", async () => {
    await working(removedField);
    const outcome = await runSpecDiff({ root, gate: true });
    expect(outcome.exitCode).toBe(1);
    const text = outcome.lines.join("\n");
    expect(text).toContain("response field `response.updatedOn` of Get Report Run (200) removed");
    expect(text).toContain("info.version in spec/openapi.yaml: 1.0.0 → at least a major bump (now 1.0.0)");
    expect(text).toContain("a changeset bumping @zuora-reports/spec (1.0.0) by major");
    expect(text).toContain("a changeset bumping @zuora-reports/types (1.0.0) by major");
    expect(text).toContain("a changeset bumping @zuora-reports/client (1.0.0) by major");
    // Below 1.0.0 the minor plays the major's role.
    expect(text).toContain("a changeset bumping @zuora-reports/mock (0.4.0) by minor");
    expect(text).not.toContain("@zuora-reports/bench");
    expect(text).not.toContain("report-tool");
  });

  it("still fails when a dependant is left to changesets' automatic patch", async () => {
    await working(removedField, "2.0.0");
    await changeset("drop-updated-on", { "@zuora-reports/spec": "major", "@zuora-reports/types": "major" });
    const outcome = await runSpecDiff({ root, gate: true });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.filter((line) => line.startsWith("  - "))).toEqual([
      "  - a changeset bumping @zuora-reports/client (1.0.0) by major",
      "  - a changeset bumping @zuora-reports/mock (0.4.0) by minor",
    ]);
  });

  it("passes the same breaking change with the major changesets and info.version 2.0.0", async () => {
    await working(removedField, "2.0.0");
    await changeset("drop-updated-on", {
      "@zuora-reports/spec": "major",
      "@zuora-reports/types": "major",
      "@zuora-reports/client": "major",
    });
    await changeset("mock-follows", { "@zuora-reports/mock": "minor" });
    const outcome = await runSpecDiff({ root, gate: true });
    expect(outcome.lines.join("\n")).toContain("Gate: passed (a breaking change");
    expect(outcome.exitCode).toBe(0);
  });

  it("asks only a minor of an additive change", async () => {
    await working(addedField, "1.1.0");
    await changeset("archived-on", {
      "@zuora-reports/spec": "minor",
      "@zuora-reports/types": "minor",
      "@zuora-reports/client": "minor",
      "@zuora-reports/mock": "minor",
    });
    expect((await runSpecDiff({ root, gate: true })).exitCode).toBe(0);
  });

  it("refuses an additive change released as a patch", async () => {
    await working(addedField, "1.0.1");
    await changeset("archived-on", { "@zuora-reports/spec": "patch" });
    const outcome = await runSpecDiff({ root, gate: true });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.join("\n")).toContain(
      "info.version in spec/openapi.yaml: 1.0.0 → at least a minor bump (now 1.0.1)",
    );
    expect(outcome.lines.join("\n")).toContain(
      "a changeset bumping @zuora-reports/spec (1.0.0) by minor (pending: patch)",
    );
  });

  it("lets a docs-only change through without a changeset", async () => {
    await working(
      changed((doc) => {
        schema(doc, "ReportRun").description = "One run of a saved report.";
      }),
    );
    const outcome = await runSpecDiff({ root, gate: true });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines.at(-1)).toMatch(/docs-only\.$/);
  });

  it("says which file it cannot read, without a stack", async () => {
    await rm(join(root, "spec/released/openapi.json"));
    await working(released);
    await expect(runSpecDiff({ root })).rejects.toThrow(
      "cannot read the released contract (spec/released/openapi.json): ENOENT",
    );
  });

  it("names a malformed changeset", async () => {
    await working(addedField, "1.1.0");
    await mkdir(join(root, ".changeset"), { recursive: true });
    await writeFile(join(root, ".changeset", "oops.md"), '---\n"@zuora-reports/spec": huge\n---\n');
    await expect(runSpecDiff({ root, gate: true })).rejects.toThrow(
      /oops\.md: .* is not a "package": patch \| minor \| major line/,
    );
  });
});

// Each of these runs tsc, which takes seconds on a loaded machine: no deadline of its own but vitest's generous one.
describe("spec:diff --gate: the last release's usage", () => {
  const clientTypes = () => join(root, "client.d.mts");

  async function usage(code: string): Promise<void> {
    await mkdir(join(root, "spec/released/usage"), { recursive: true });
    await writeFile(join(root, "spec/released/usage/sample.ts"), code);
    await writeFile(clientTypes(), "export declare function getReportRun(id: string): Promise<{ status: string }>;\n");
  }

  it("passes while the released samples still type-check against the client", async () => {
    await working(released);
    await usage('import { getReportRun } from "@zuora-reports/client";\nawait getReportRun("id");\n');
    const outcome = await runSpecDiff({ root, gate: true, clientTypes: clientTypes() });
    expect(outcome.lines).toContain("Released usage: 1 file still type-check against @zuora-reports/client.");
    expect(outcome.exitCode).toBe(0);
  });

  it("fails when they no longer do, naming the error and what to declare", async () => {
    await working(released);
    await usage('import { getReportRuns } from "@zuora-reports/client";\nawait getReportRuns("id");\n');
    const outcome = await runSpecDiff({ root, gate: true, clientTypes: clientTypes() });
    expect(outcome.exitCode).toBe(1);
    const text = outcome.lines.join("\n");
    expect(text).toContain("no longer type-checks against @zuora-reports/client (1 error)");
    expect(text).toMatch(/spec\/released\/usage\/sample\.ts\(1,10\): error TS2\d+: .*getReportRuns/);
    expect(text).toContain("declare a major release of @zuora-reports/client in a changeset");
  });

  it("accepts the break when the client's pending release is major", async () => {
    await working(released);
    await usage('import { getReportRuns } from "@zuora-reports/client";\nawait getReportRuns("id");\n');
    await changeset("rename", { "@zuora-reports/client": "major" });
    const outcome = await runSpecDiff({ root, gate: true, clientTypes: clientTypes() });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines.join("\n")).toContain("accepted: its pending release is major");
  });
});
