// `pnpm cli …` from the repo root: builds the CLI through turbo (silently: turbo's output is shown only when the
// build fails; a build that takes more than a moment, such as the first one of a fresh clone, is announced on
// stderr), then runs it in this process with the caller's arguments, from the folder `pnpm cli` was typed in.
import { quietBuild } from "./quiet-build.mjs";

await quietBuild("@zuora-reports/cli", "the CLI");
// pnpm runs scripts from the root; INIT_CWD is where the user typed the command, so `--output out.csv` lands there.
if (process.env.INIT_CWD) {
  process.chdir(process.env.INIT_CWD);
}
await import("../dist/cli.mjs");
