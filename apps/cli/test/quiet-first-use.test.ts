// A quiet, truthful first use: `pnpm cli`'s hidden build says so when it takes a while and says nothing otherwise;
// `--json` alone never prints commander's placeholder. Turbo is a stand-in on PATH, released by the test (an event).
import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/main.js";
import { BASE_ENV, fakeRuntime } from "./support/fake-runtime.js";

const PNPM_CLI = fileURLToPath(new URL("../scripts/pnpm-cli.mjs", import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-quiet-"));
});

/** A `turbo` on PATH that runs `body` (sh). */
async function fakeTurbo(body: string): Promise<void> {
  const path = join(dir, "turbo");
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
}

/** Runs `pnpm-cli.mjs --version` with the fake turbo; `onStderr` sees stderr as it comes. */
function pnpmCli(onStderr: (text: string) => void = () => {}) {
  const child = spawn(process.execPath, [PNPM_CLI, "--version"], {
    env: { PATH: `${dir}:${process.env.PATH ?? ""}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    onStderr(stderr);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("close", (code) => resolve({ code, stdout, stderr })),
  );
}

describe("pnpm cli's hidden build", () => {
  it("a slow build says one line on stderr, then the CLI runs", async () => {
    // The build blocks on a FIFO until the test has seen the notice and writes to it.
    const release = join(dir, "release");
    execFileSync("mkfifo", [release]);
    await fakeTurbo(`read _ < "${release}"; echo "turbo banner"`);
    let released = false;
    const result = await pnpmCli((stderr) => {
      if (stderr.includes("building") && !released) {
        released = true;
        void writeFile(release, "go\n");
      }
    });
    expect(result).toEqual({
      code: 0,
      stdout: "0.1.0\n",
      stderr: "building the CLI…\n",
    });
  });

  it("a cached build prints nothing of turbo's, and no notice", async () => {
    await fakeTurbo('echo "• turbo 2.11.11"; echo " Tasks: 1 successful"; echo ">>> FULL TURBO" >&2');
    expect(await pnpmCli()).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it("a failed build shows turbo's whole output", async () => {
    await fakeTurbo('echo "src/x.ts(1,1): error TS1005"; exit 2');
    expect(await pnpmCli()).toEqual({
      code: 1,
      stdout: "",
      stderr: "src/x.ts(1,1): error TS1005\nthe build of the CLI failed.\n",
    });
  });
});

describe("--json without a command", () => {
  it("is a usage error whose JSON says so (not commander's placeholder)", async () => {
    const runtime = fakeRuntime({}, BASE_ENV);
    expect(await runCli(["--json"], runtime, "0.0.0")).toBe(2);
    expect(JSON.parse(runtime.stdout.text)).toEqual({
      error: { message: "No command given: see zuora-reports --help.", exitCode: 2, type: "UsageError" },
    });
    expect(runtime.stderr.text).toContain("Usage: zuora-reports");
  });
});
