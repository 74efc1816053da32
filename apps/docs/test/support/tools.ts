// The command-line tools the curl samples run with: bash and curl from the machine, and jq from the machine when
// it has one, else the packaged jq (jq.mjs) on a PATH of its own, so a machine with only Node.js runs them too.
import { execFile } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The packaged jq's script. */
export const PACKAGED_JQ = fileURLToPath(new URL("jq.mjs", import.meta.url));

async function runs(tool: string, path: string): Promise<boolean> {
  return run(tool, ["--version"], { env: { PATH: path } }).then(
    () => true,
    () => false,
  );
}

export interface SampleTools {
  /** PATH for the samples' shell. */
  path: string;
  /** Which jq the samples use. */
  jq: "system" | "packaged";
}

/**
 * Checks for bash and curl (the samples' own tools, assumed present) and finds a jq: the system's, or the packaged
 * one behind a `jq` script written into `scratch`/bin.
 */
export async function sampleTools(scratch: string): Promise<SampleTools> {
  const path = process.env.PATH ?? "/usr/bin:/bin";
  for (const tool of ["bash", "curl"]) {
    if (!(await runs(tool, path))) {
      throw new Error(`${tool} is needed to run the curl samples, and is not on PATH.`);
    }
  }
  if (await runs("jq", path)) {
    return { path, jq: "system" };
  }
  const bin = join(scratch, "bin");
  await mkdir(bin, { recursive: true });
  const script = `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(PACKAGED_JQ)} "$@"\n`;
  await writeFile(join(bin, "jq"), script);
  await chmod(join(bin, "jq"), 0o755);
  return { path: `${bin}:${path}`, jq: "packaged" };
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
