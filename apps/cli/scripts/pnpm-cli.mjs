// `pnpm cli …` from the repo root: builds the CLI through turbo (silently: its banner is shown only when the build
// fails), then runs it in this process with the caller's arguments, from the folder `pnpm cli` was typed in.
import { spawnSync } from "node:child_process";

const build = spawnSync("turbo", ["run", "build", "--filter=@zuora-reports/cli", "--output-logs=errors-only"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}`);
  process.stderr.write(
    build.error ? `pnpm cli: cannot run turbo (${build.error.message}).\n` : "pnpm cli: the build failed.\n",
  );
  process.exit(1);
}
// pnpm runs scripts from the root; INIT_CWD is where the user typed the command, so `--output out.csv` lands there.
if (process.env.INIT_CWD) {
  process.chdir(process.env.INIT_CWD);
}
await import("../dist/cli.mjs");
