// The README's Install section, measured with the tarballs of every published package (pnpm pack:all), against the
// mock, with no workspace around:
// - the client and types tarballs install with plain `npm i` into an empty project, import from ESM and CJS, run the
//   client's shipped quickstart and type-check under `moduleResolution: nodenext`;
// - all of them install with `npm i -g --prefix <empty folder>`, and the `zuora-reports` binary runs status,
//   run --wait and export;
// - the mock's tarball (with the packages it depends on) installs into an empty project whose script runs startMock().
// Usage: node .ci/install-check.mjs dist/*.tgz
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { startMock } from "../apps/mock/dist/index.mjs";

const tarballs = process.argv.slice(2).map((file) => resolve(file));
if (tarballs.length === 0) {
  process.stderr.write("usage: node .ci/install-check.mjs <tarball>…\n");
  process.exit(2);
}
const tarball = (name) => {
  const found = tarballs.find((file) => basename(file).startsWith(`zuora-reports-${name}-`));
  if (!found) {
    throw new Error(`no tarball of @zuora-reports/${name} among the arguments`);
  }
  return found;
};
const project = mkdtempSync(join(tmpdir(), "client-install-"));
const prefix = mkdtempSync(join(tmpdir(), "cli-install-"));
const mockProject = mkdtempSync(join(tmpdir(), "mock-install-"));
// Asynchronous: the mock serves from this process, so nothing here may block its event loop.
const sh = async (command, args, env = {}, cwd = project) => {
  const { stdout } = await promisify(execFile)(command, args, { cwd, env: { ...process.env, ...env } });
  return stdout;
};
const npmInstall = (args, cwd) =>
  sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...args], {}, cwd);

const files = {
  "package.json": JSON.stringify({ name: "outside-project", private: true, type: "module" }),
  "esm.mjs": `import { createReportingClient, REPORT_RUN_STATUSES } from "@zuora-reports/client";
const client = createReportingClient({ baseUrl: process.env.ZUORA_BASE_URL, auth: { token: "t" } });
const run = await client.getReportRun("ff808081529f4e3401529fd61f080074");
console.log("esm", run.status, REPORT_RUN_STATUSES.length);`,
  "cjs.cjs": `const { createReportingClient, ZuoraError } = require("@zuora-reports/client");
const client = createReportingClient({ baseUrl: process.env.ZUORA_BASE_URL, auth: { token: "t" } });
client.getReportRun("ff808081529f4e3401529fd61f080074").then((run) => console.log("cjs", run.status, typeof ZuoraError));`,
  "check.ts": `import { createReportingClient, type ReportRun, type ReportRunStatus } from "@zuora-reports/client";
import type { components } from "@zuora-reports/types";
const client = createReportingClient({ environment: "us-sandbox", auth: { clientId: "id", clientSecret: "secret" } });
export const pending: Promise<ReportRun> = client.getReportRun("ff808081529f4e3401529fd61f080074");
export const status: ReportRunStatus = "COMPLETED";
export type Run = components["schemas"]["ReportRun"];
// @ts-expect-error: not a report type
client.runReport("ff808081529f4e3401529fd373730070", { viewType: "Pivot" });`,
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      module: "nodenext",
      moduleResolution: "nodenext",
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: ["check.ts"],
  }),
};
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(project, name), text);
}

writeFileSync(join(mockProject, "package.json"), JSON.stringify({ name: "mock-user", private: true, type: "module" }));
writeFileSync(
  join(mockProject, "start.mjs"),
  `import { startMock } from "@zuora-reports/mock";
const mock = await startMock();
const answer = await fetch(new URL("reportruns/ff808081529f4e3401529fd61f080074", mock.url + "/"), {
  headers: { Authorization: "Bearer t" },
});
console.log("startMock()", answer.status, (await answer.json()).response.status);
await mock.stop();`,
);

const mock = await startMock();
try {
  const env = { ZUORA_BASE_URL: mock.url };
  // The client needs nothing but its own and the types package's tarballs.
  await npmInstall([tarball("types"), tarball("client"), "typescript@5.9.3"], project);
  process.stdout.write(await sh("node", ["esm.mjs"], env));
  process.stdout.write(await sh("node", ["cjs.cjs"], env));
  process.stdout.write(await sh("node", ["node_modules/@zuora-reports/client/examples/quickstart.mjs"], env));
  await sh("node", ["node_modules/typescript/bin/tsc", "-p", "."]);
  process.stdout.write("tsc (nodenext): no errors\n");

  // The CLI, installed globally into an empty prefix with everything it depends on.
  await npmInstall(["--global", "--prefix", prefix, ...tarballs], prefix);
  const cli = (...args) => sh(join(prefix, "bin", "zuora-reports"), args, { ...env, ZUORA_TOKEN: "t" }, prefix);
  process.stdout.write(await cli("status", "ff808081529f4e3401529fd61f080074"));
  const started = await cli("--json", "run", "ff808081529f4e3401529fd373730070", "--view", "Detail", "--wait");
  const { run } = JSON.parse(started);
  process.stdout.write(`zuora-reports run --wait: ${run.id} ${run.status}\n`);
  await cli("export", run.id, "--output", join(prefix, "report.csv"));
  const csv = readFileSync(join(prefix, "report.csv"), "utf8");
  if (!csv.includes("\t") || csv.split("\n").length < 2) {
    throw new Error("zuora-reports export wrote no tab-separated rows");
  }
  process.stdout.write(`zuora-reports export: ${csv.split("\n").length - 1} lines\n`);

  // The mock in another project's tests: its tarball and the packages it depends on.
  const mockDependencies = ["spec", "types", "conformance"].filter((name) =>
    tarballs.some((file) => basename(file).startsWith(`zuora-reports-${name}-`)),
  );
  await npmInstall([tarball("mock"), ...mockDependencies.map(tarball)], mockProject);
  process.stdout.write(await sh("node", ["start.mjs"], {}, mockProject));

  process.stdout.write("install check passed\n");
  for (const folder of [project, prefix, mockProject]) {
    rmSync(folder, { recursive: true, force: true });
  }
} finally {
  await mock.stop();
}
