// The README's Install section, measured: the packed client and types tarballs install with plain `npm i` into an
// empty project outside the repo, import from ESM and CJS, run the client's shipped quickstart against the mock,
// and type-check under `moduleResolution: nodenext`. Usage: node .ci/install-check.mjs dist/*.tgz
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startMock } from "../apps/mock/dist/index.mjs";

const tarballs = process.argv.slice(2).map((file) => resolve(file));
if (tarballs.length === 0) {
  process.stderr.write("usage: node .ci/install-check.mjs <tarball>…\n");
  process.exit(2);
}
const project = mkdtempSync(join(tmpdir(), "client-install-"));
// Asynchronous: the mock serves from this process, so nothing here may block its event loop.
const sh = async (command, args, env = {}) => {
  const { stdout } = await promisify(execFile)(command, args, { cwd: project, env: { ...process.env, ...env } });
  return stdout;
};

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

const mock = await startMock();
try {
  await sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs, "typescript@5.9.3"]);
  const env = { ZUORA_BASE_URL: mock.url };
  process.stdout.write(await sh("node", ["esm.mjs"], env));
  process.stdout.write(await sh("node", ["cjs.cjs"], env));
  process.stdout.write(await sh("node", ["node_modules/@zuora-reports/client/examples/quickstart.mjs"], env));
  await sh("node", ["node_modules/typescript/bin/tsc", "-p", "."]);
  process.stdout.write("tsc (nodenext): no errors\n");
  process.stdout.write(`install check passed in ${project}\n`);
  rmSync(project, { recursive: true, force: true });
} finally {
  await mock.stop();
}
