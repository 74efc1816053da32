// Builds dist/: a self-contained Redoc page (no CDN: --inlineBundle) with the bundled spec beside it for download.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const specJson = require.resolve("@zuora-reports/spec/openapi.json");
const specYaml = require.resolve("@zuora-reports/spec/openapi.yaml");
const redocly = require.resolve("@redocly/cli/bin/cli.js");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
execFileSync(
  process.execPath,
  [redocly, "build-docs", specJson, "--inlineBundle", "--output", `${dist}/index.html`, "--title", "Zuora Report Runs API"],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
);
copyFileSync(specJson, `${dist}/openapi.json`);
copyFileSync(specYaml, `${dist}/openapi.yaml`);
