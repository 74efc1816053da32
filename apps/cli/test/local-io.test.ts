// Failures of the machine the CLI runs on (src/local-io.ts): one line in the system's words, exit 7, never an API error.
import type { ReportRun } from "@zuora-reports/client";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { fileError, LocalIoError, reasonOf, stdoutError } from "../src/local-io.js";
import { runCli } from "../src/main.js";
import { BASE_ENV, fakeRuntime } from "./support/fake-runtime.js";

/** An error as Node's fs and net modules make them: `CODE: words, syscall`, with `code` and `syscall`. */
function errnoError(code: string, words: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${words}, ${syscall} '/tmp/.report.csv.1a2b3c4d.partial'`), {
    code,
    syscall,
  });
}

async function statusFailingWith(error: unknown, ...args: string[]) {
  const runtime = fakeRuntime(
    {
      getReportRun: async (): Promise<ReportRun> => {
        throw error;
      },
    },
    BASE_ENV,
  );
  const code = await runCli(["status", "run1", ...args], runtime, "0.0.0");
  return { code, stdout: runtime.stdout.text, stderr: runtime.stderr.text };
}

describe("a system call that fails", () => {
  it("is a local failure: its words and the call, exit 7, as --json too", async () => {
    const result = await statusFailingWith(errnoError("EMFILE", "too many open files", "open"), "--json");
    expect(result.code).toBe(7);
    expect(result.stderr).toBe("error: local I/O failed: too many open files (open)\n");
    expect(JSON.parse(result.stdout)).toEqual({
      error: { message: "local I/O failed: too many open files (open)", exitCode: 7, type: "LocalIoError" },
    });
  });

  it("an error with a code but no system call (a Node library's own) is not called a local failure", async () => {
    const error = Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL" });
    const result = await statusFailingWith(error);
    expect(result.code).not.toBe(7);
    expect(result.stderr).not.toContain("local I/O failed");
    const plain = await statusFailingWith({ code: "EIO", syscall: "read", message: "EIO: i/o error, read" });
    expect(plain.code).not.toBe(7);
    expect(plain.stderr).not.toContain("local I/O failed");
  });
});

describe("the words of a failure", () => {
  it.each([
    ["ENOSPC: no space left on device, write", "no space left on device"],
    ["E2BIG: argument list too long, spawn '/bin/sh'", "argument list too long"],
    ["EACCES: permission denied, open '/srv/out/.report.csv.0a1b2c3d.partial'", "permission denied"],
    ["connect ECONNREFUSED /tmp/sock", "connect ECONNREFUSED /tmp/sock"],
    ["the disk said NO: not today, sorry", "the disk said NO: not today, sorry"],
  ])("of %j are %j: no code, no temp file's name", (message, words) => {
    expect(reasonOf(new Error(message))).toBe(words);
  });

  it("of something not an Error are its text; of a local failure, its whole line", () => {
    expect(reasonOf("socket hang up")).toBe("socket hang up");
    const inner = fileError("out.csv", new Error("ENOSPC: no space left on device, write"), ExitCode.LocalIo);
    expect(reasonOf(inner)).toBe("cannot write out.csv: no space left on device");
  });

  it("a stdout that cannot be written: `cannot write to stdout: <words>`, exit 7, nothing more for stdout", () => {
    const failure = stdoutError(errnoError("ENOSPC", "no space left on device", "write"));
    expect(failure).toBeInstanceOf(LocalIoError);
    expect({ message: failure.message, exitCode: failure.exitCode, place: failure.place, name: failure.name }).toEqual({
      message: "cannot write to stdout: no space left on device",
      exitCode: 7,
      place: "stdout",
      name: "LocalIoError",
    });
  });

  it("a stdout failure that reaches the top is one line on stderr, and no JSON document on the broken stdout", async () => {
    const result = await statusFailingWith(stdoutError(errnoError("EIO", "i/o error", "write")), "--json");
    expect(result).toEqual({ code: 7, stdout: "", stderr: "error: cannot write to stdout: i/o error\n" });
  });
});
