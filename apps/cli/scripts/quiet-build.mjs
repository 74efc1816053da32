// Builds one workspace package through turbo without turbo's banner and summary (shown only when the build fails:
// nothing is filtered out of a failure), announcing a build that takes more than a moment, once, on stderr.
//   node apps/cli/scripts/quiet-build.mjs <package> [<script.mjs> [args…]]
// builds <package> (and what it depends on), then runs <script.mjs> in this process, so that signals reach it
// directly and its exit code is the command's. `pnpm cli`, `pnpm mock`, `pnpm docs:serve` and `pnpm spec:diff` use it.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** A cached build answers in about a second here (turbo's own start): only a slower one is worth a line. */
const NOTICE_AFTER_MS = 2000;

/** Builds `filter`; on failure prints turbo's whole output and exits 1. `what` names it in the notice. */
export async function quietBuild(filter, what = filter) {
  const build = spawn("turbo", ["run", "build", `--filter=${filter}`, "--output-logs=errors-only"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk) => {
    output += chunk;
  };
  build.stdout.setEncoding("utf8").on("data", collect);
  build.stderr.setEncoding("utf8").on("data", collect);
  const notice = setTimeout(() => process.stderr.write(`building ${what}…\n`), NOTICE_AFTER_MS);
  const status = await new Promise((done) => {
    build.once("error", done);
    build.once("close", done);
  });
  clearTimeout(notice);
  if (status !== 0) {
    process.stderr.write(output);
    process.stderr.write(
      status instanceof Error ? `cannot run turbo (${status.message}).\n` : `the build of ${what} failed.\n`,
    );
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [filter, script, ...args] = process.argv.slice(2);
  await quietBuild(filter);
  if (script) {
    process.argv = [process.argv[0], resolve(script), ...args];
    await import(pathToFileURL(resolve(script)).href);
  }
}
