// `--output` in-process, where no exit hook tidies up after the command: whatever ends it, the temp file goes.
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import {
  chmod,
  chown,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { BadRequestError, type ReportExport, type ReportRun } from "@zuora-reports/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/main.js";
import { openOutput, removeTempFilesSync } from "../src/output-file.js";
import { exportOf } from "./support/fake-export.js";
import { BASE_ENV, fakeRuntime } from "./support/fake-runtime.js";
import { fifoSink, socketSink } from "./support/sinks.js";

// A 32-hex report id: `run` uses it as is, without looking up a name.
const REPORT = "ff808081529f4e3401529fd373730070";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-output-unit-"));
});
// Stand-in devices and FIFOs go with their folder.
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("the temp file", () => {
  it("exists from before the first request, beside the target", async () => {
    const output = await openOutput(join(dir, "report.csv"));
    expect(await readdir(dir)).toEqual([expect.stringMatching(/^\.report\.csv\.[0-9a-f]{8}\.partial$/)]);
    if (output !== "stdout") {
      await output.discard();
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("is removed when the request is refused, and an existing file is left as it was", async () => {
    await writeFile(join(dir, "report.csv"), "old\n");
    const runtime = fakeRuntime(
      {
        exportReportRun: async () => {
          throw new BadRequestError("400: gone", { status: 400 });
        },
      },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", join(dir, "report.csv")], runtime, "0.0.0")).toBe(1);
    expect(await readdir(dir)).toEqual(["report.csv"]);
  });

  it("is removed when the run ends badly before the export (run --output)", async () => {
    const runtime = fakeRuntime(
      {
        runReport: async () => ({ reportRunId: "run1" }),
        waitForReportRun: async () => {
          throw new BadRequestError("400: gone", { status: 400 });
        },
      },
      BASE_ENV,
    );
    const args = ["run", REPORT, "--view", "Detail", "--output", join(dir, "report.csv")];
    expect(await runCli(args, runtime, "0.0.0")).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it("is removed by SIGTERM while waiting for the run, with exit 143", async () => {
    const runtime = fakeRuntime(
      {
        runReport: async () => ({ reportRunId: "run1" }),
        waitForReportRun: (_id, options) =>
          new Promise<ReportRun>((_resolve, reject) => {
            options?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
            queueMicrotask(() => runtime.interrupt("SIGTERM"));
          }),
      },
      BASE_ENV,
    );
    const args = ["run", REPORT, "--view", "Detail", "--output", join(dir, "report.csv")];
    expect(await runCli(args, runtime, "0.0.0")).toBe(143);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("--output - (stdout)", () => {
  const RUN: ReportRun = { id: "run1", reportId: "rep1", reportType: "Detail", status: "COMPLETED" } as ReportRun;
  const csvExport = (text: string): ReportExport =>
    ({
      body: new Blob([text]).stream(),
      contentType: "text/csv",
      kind: "text",
      charset: "utf-8",
    }) as unknown as ReportExport;

  it("run --output - prints the export on stdout and the run on stderr", async () => {
    const runtime = fakeRuntime(
      {
        runReport: async () => ({ reportRunId: "run1" }),
        waitForReportRun: async () => RUN,
        exportReportRun: async () => csvExport("a\tb\n1\t2\n"),
      },
      BASE_ENV,
    );
    expect(await runCli(["run", REPORT, "--view", "Detail", "--output", "-"], runtime, "0.0.0")).toBe(0);
    expect(runtime.stdout.text).toBe("a\tb\n1\t2\n");
    expect(runtime.stderr.text).toMatch(/^Started report run run1\.\nReport run {2}run1\n/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("run --output - --json is a usage error, before any request", async () => {
    const runtime = fakeRuntime({}, BASE_ENV);
    expect(await runCli(["run", REPORT, "--view", "Detail", "--output", "-", "--json"], runtime, "0.0.0")).toBe(2);
    expect(JSON.parse(runtime.stdout.text).error.message).toBe(
      "--json prints the run on stdout: give --output a file, not stdout.",
    );
    expect(runtime.clientOptions).toEqual([]);
  });
});

/** A stand-in character device in the test's folder: `null` (1,3) swallows writes, `full` (1,7) fails them. */
function device(name: "null" | "full"): string {
  const path = join(dir, name);
  execFileSync("mknod", [path, "c", "1", name === "null" ? "3" : "7"]);
  return path;
}

async function* chunksOf(...chunks: (string | Uint8Array)[]): AsyncIterable<string | Uint8Array> {
  yield* chunks;
}

/** `export run1 --output <target>` in-process, the export being `chunks`. */
async function exportTo(target: string, chunks: string[], ...more: string[]) {
  const runtime = fakeRuntime({ exportReportRun: async () => exportOf(chunks) }, BASE_ENV);
  const code = await runCli(["export", "run1", "--output", target, ...more], runtime, "0.0.0");
  return { code, stdout: runtime.stdout.text, stderr: runtime.stderr.text, runtime };
}

const CSV = ["Invoice.Number\tInvoice.Amount\n", "INV-1\t10\n", "INV-2\t20\n"];
const CSV_TEXT = CSV.join("");

describe("what --output accepts", () => {
  it("refuses an empty or blank path, a folder and a missing folder before any request (exit 2)", async () => {
    const cases: [string, string][] = [
      ["", "--output is empty: give a file path."],
      ["  ", "--output is empty: give a file path."],
      [dir, `--output ${dir} is a directory: give a file path.`],
      [
        join(dir, "missing", "report.csv"),
        `--output ${join(dir, "missing", "report.csv")}: folder ${join(dir, "missing")} does not exist.`,
      ],
    ];
    for (const [path, message] of cases) {
      const runtime = fakeRuntime({}, BASE_ENV);
      expect(await runCli(["export", "run1", "--output", path], runtime, "0.0.0")).toBe(2);
      expect(runtime.stderr.text).toBe(`error: ${message}\n`);
      expect(runtime.clientOptions).toEqual([]);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes - and /dev/stdout for stdout, without opening anything", async () => {
    expect(await openOutput("-")).toBe("stdout");
    expect(await openOutput("/dev/stdout")).toBe("stdout");
  });

  it("an unwritable name fails before any request: `cannot write <path>: <reason>`, exit 2, as --json too", async () => {
    // Root may write where permissions forbid it: the stand-in for an unwritable place is a name the system refuses.
    const target = join(dir, `${"x".repeat(300)}.csv`);
    const result = await exportTo(target, CSV, "--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: cannot write ${target}: name too long\n`);
    expect(JSON.parse(result.stdout).error).toEqual({
      message: `cannot write ${target}: name too long`,
      exitCode: 2,
      type: "LocalIoError",
    });
    expect(result.runtime.clientOptions).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a name near the 255-byte limit is still written, through a temp file of a shorter name", async () => {
    const target = join(dir, `${"r".repeat(251)}.csv`);
    const result = await exportTo(target, CSV);
    expect(result.code).toBe(0);
    expect(await readFile(target, "utf8")).toBe(CSV_TEXT);
    expect(await readdir(dir)).toEqual([basename(target)]);
  });

  it("a symlink loop is a `cannot write` error before any request", async () => {
    await symlink("b.csv", join(dir, "a.csv"));
    await symlink("a.csv", join(dir, "b.csv"));
    const result = await exportTo(join(dir, "a.csv"), CSV);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: cannot write ${join(dir, "a.csv")}: too many symbolic links encountered\n`);
    expect(result.runtime.clientOptions).toEqual([]);
  });
});

describe("a regular file", () => {
  it("is created with the usual mode, and replaced whole: no tail of a longer old file stays", async () => {
    const fresh = join(dir, "new.csv");
    expect((await exportTo(fresh, CSV)).code).toBe(0);
    expect((await stat(fresh)).mode & 0o777).toBe(0o666 & ~process.umask());

    const old = join(dir, "old.csv");
    await writeFile(old, "an older, longer export\n".repeat(20));
    const result = await exportTo(old, CSV);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Wrote ${CSV_TEXT.length} bytes to ${old}\n`);
    expect(await readFile(old, "utf8")).toBe(CSV_TEXT);
    expect((await readdir(dir)).sort()).toEqual(["new.csv", "old.csv"]);
  });

  it.each(["0600", "0640"])("keeps an existing file's mode (%s)", async (octal) => {
    const mode = Number.parseInt(octal, 8);
    const target = join(dir, "private.csv");
    await writeFile(target, "old\n");
    await chmod(target, mode);
    expect((await exportTo(target, CSV)).code).toBe(0);
    expect((await stat(target)).mode & 0o7777).toBe(mode);
    expect(await readFile(target, "utf8")).toBe(CSV_TEXT);
  });

  // Root's own ids are 0: each case differs from them in the owner, the group, or both.
  it.runIf(process.getuid?.() === 0).each([
    [4321, 8765],
    [4321, 0],
    [0, 8765],
  ])("keeps an existing file's owner %i and group %i (as root)", async (uid, gid) => {
    const target = join(dir, "theirs.csv");
    await writeFile(target, "old\n");
    await chown(target, uid, gid);
    expect((await exportTo(target, CSV)).code).toBe(0);
    const after = await stat(target);
    expect({ uid: after.uid, gid: after.gid }).toEqual({ uid, gid });
    expect(await readFile(target, "utf8")).toBe(CSV_TEXT);
  });

  it("keeps text as UTF-8 and bytes as they are", async () => {
    const output = await openOutput(join(dir, "mixed.bin"));
    if (output === "stdout") {
      throw new Error("expected a file");
    }
    const bytes = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xff);
    expect(await output.write(chunksOf("é\t", new Uint8Array(0), "", bytes))).toBe(8);
    await output.commit();
    expect(await readFile(join(dir, "mixed.bin"))).toEqual(Buffer.concat([Buffer.from("é\t"), bytes]));
    await output.discard();
    expect(await readdir(dir)).toEqual(["mixed.bin"]);
  });

  it("fails the commit with `cannot write` (exit 7) when a folder took the name meanwhile, leaving no temp file", async () => {
    const target = join(dir, "report.csv");
    const runtime = fakeRuntime(
      {
        exportReportRun: async () =>
          exportOf(CSV, {
            // Before the body ends, someone makes a folder under the target's name: the rename cannot replace it.
            onPull: async (index) => {
              if (index === CSV.length) {
                await mkdir(target);
              }
            },
          }),
      },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", target], runtime, "0.0.0")).toBe(7);
    expect(runtime.stderr.text).toBe(`error: cannot write ${target}: illegal operation on a directory\n`);
    expect(runtime.stdout.text).toBe("");
    expect(await readdir(dir)).toEqual(["report.csv"]);
    expect((await stat(target)).isDirectory()).toBe(true);
  });
});

/** Whether `chattr +i` works here (root on a file system that has the flag): the stand-in for what even root cannot write. */
const canMakeImmutable = (() => {
  if (process.getuid?.() !== 0) {
    return false;
  }
  const probe = mkdtempSync(join(tmpdir(), "zuora-cli-chattr-"));
  try {
    execFileSync("chattr", ["+i", probe], { stdio: "ignore" });
    execFileSync("chattr", ["-i", probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

describe.runIf(canMakeImmutable)("a place even root cannot write (chattr +i)", () => {
  const immutable = (path: string) => execFileSync("chattr", ["+i", path]);
  afterEach(() => execFileSync("chattr", ["-R", "-i", dir]));

  it("an existing file: `cannot write`, exit 2 before any request, the file as it was", async () => {
    const target = join(dir, "locked.csv");
    await writeFile(target, "old\n");
    immutable(target);
    const result = await exportTo(target, CSV);
    expect(result).toMatchObject({ code: 2, stderr: `error: cannot write ${target}: operation not permitted\n` });
    expect(result.runtime.clientOptions).toEqual([]);
    expect(await readFile(target, "utf8")).toBe("old\n");
    expect(await readdir(dir)).toEqual(["locked.csv"]);
  });

  it("a folder: no temp file can be made there, so exit 2 before any request", async () => {
    const folder = join(dir, "locked");
    await mkdir(folder);
    immutable(folder);
    const target = join(folder, "report.csv");
    const result = await exportTo(target, CSV);
    expect(result).toMatchObject({ code: 2, stderr: `error: cannot write ${target}: operation not permitted\n` });
    expect(result.runtime.clientOptions).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });
});

describe("a symlink", () => {
  it("is followed: the real file gets the export, the temp file goes beside it, the link stays", async () => {
    const elsewhere = join(dir, "elsewhere");
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, "real.csv"), "an older, longer export\n".repeat(20));
    // A chain: link.csv → hop.csv → (another folder) real.csv.
    await symlink(join(elsewhere, "real.csv"), join(dir, "hop.csv"));
    await symlink("hop.csv", join(dir, "link.csv"));
    const seen: string[][] = [];
    const runtime = fakeRuntime(
      { exportReportRun: async () => exportOf(CSV, { onPull: async () => void seen.push(await readdir(elsewhere)) }) },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", join(dir, "link.csv")], runtime, "0.0.0")).toBe(0);
    expect(seen[0]?.sort()).toEqual([expect.stringMatching(/^\.real\.csv\.[0-9a-f]{8}\.partial$/), "real.csv"]);
    expect(await readlink(join(dir, "link.csv"))).toBe("hop.csv");
    expect((await lstat(join(dir, "hop.csv"))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(elsewhere, "real.csv"), "utf8")).toBe(CSV_TEXT);
    expect(await readdir(elsewhere)).toEqual(["real.csv"]);
  });

  it("a chain of 40 links, as many as the system follows, leads to its file; 41 are refused before any request", async () => {
    await writeFile(join(dir, "real.csv"), "old\n");
    let previous = "real.csv";
    for (let n = 1; n <= 41; n++) {
      await symlink(previous, join(dir, `link${n}.csv`));
      previous = `link${n}.csv`;
    }
    expect((await exportTo(join(dir, "link40.csv"), CSV)).code).toBe(0);
    expect(await readFile(join(dir, "real.csv"), "utf8")).toBe(CSV_TEXT);
    expect((await lstat(join(dir, "link1.csv"))).isSymbolicLink()).toBe(true);

    const tooLong = await exportTo(join(dir, "link41.csv"), CSV);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toBe(
      `error: cannot write ${join(dir, "link41.csv")}: too many symbolic links encountered\n`,
    );
    expect(tooLong.runtime.clientOptions).toEqual([]);
  });

  it("that dangles makes the file it points to; into a missing folder, it is a usage error naming that folder", async () => {
    await symlink("made.csv", join(dir, "link.csv"));
    expect((await exportTo(join(dir, "link.csv"), CSV)).code).toBe(0);
    expect(await readFile(join(dir, "made.csv"), "utf8")).toBe(CSV_TEXT);
    expect((await lstat(join(dir, "link.csv"))).isSymbolicLink()).toBe(true);

    await symlink(join("nowhere", "x.csv"), join(dir, "lost.csv"));
    const lost = await exportTo(join(dir, "lost.csv"), CSV);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toBe(
      `error: --output ${join(dir, "lost.csv")}: folder ${join(dir, "nowhere")} does not exist.\n`,
    );
  });
});

describe.runIf(process.getuid?.() === 0)("a character device (stand-ins made with mknod)", () => {
  it("is written in place and stays a device, with no temp file beside it", async () => {
    const target = device("null");
    const result = await exportTo(target, CSV);
    expect(result).toMatchObject({ code: 0, stdout: `Wrote ${CSV_TEXT.length} bytes to ${target}\n`, stderr: "" });
    expect((await lstat(target)).isCharacterDevice()).toBe(true);
    expect(await readdir(dir)).toEqual(["null"]);
  });

  it("through a symlink is written in place too, the link left as it was", async () => {
    const target = device("null");
    await symlink(target, join(dir, "out.csv"));
    expect((await exportTo(join(dir, "out.csv"), CSV)).code).toBe(0);
    expect(await readlink(join(dir, "out.csv"))).toBe(target);
    expect((await lstat(target)).isCharacterDevice()).toBe(true);
  });

  it("that fails the write (a full disk): one line, exit 7, as --json too, and still a device", async () => {
    const target = device("full");
    const result = await exportTo(target, CSV, "--json");
    expect(result.code).toBe(7);
    expect(result.stderr).toBe(`error: cannot write ${target}: no space left on device\n`);
    expect(JSON.parse(result.stdout).error).toEqual({
      message: `cannot write ${target}: no space left on device`,
      exitCode: 7,
      type: "LocalIoError",
    });
    expect((await lstat(target)).isCharacterDevice()).toBe(true);
    expect(await readdir(dir)).toEqual(["full"]);
  });
});

describe("a FIFO", () => {
  it("is written for its reader and stays a FIFO", async () => {
    const fifo = join(dir, "pipe");
    const reader = fifoSink(fifo);
    const result = await exportTo(fifo, CSV);
    expect(result.code).toBe(0);
    expect(await reader).toBe(CSV_TEXT);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(["pipe"]);
  });

  it("is not opened for nothing: an empty write returns without waiting for a reader", async () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const output = await openOutput(fifo);
    if (output === "stdout") {
      throw new Error("expected a FIFO target");
    }
    expect(await output.write(chunksOf("", new Uint8Array(0)))).toBe(0);
    await output.commit();
    await output.discard();
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });
});

describe("a Unix socket", () => {
  it("is connected to and sent the export; it stays a socket", async () => {
    const path = join(dir, "sock");
    const sink = await socketSink(path);
    try {
      const result = await exportTo(path, CSV);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`Wrote ${CSV_TEXT.length} bytes to ${path}\n`);
      await sink.ended;
      expect(sink.received()).toBe(CSV_TEXT);
      expect((await lstat(path)).isSocket()).toBe(true);
    } finally {
      sink.close();
    }
  });
  it("that nobody listens on: `cannot write <path>: <reason>`, exit 7; it stays a socket", async () => {
    // A socket file without a listener: a hard link to a listening socket outlives the listener's own name.
    const live = join(dir, "live.sock");
    const path = join(dir, "stale.sock");
    const listener = createServer();
    listener.listen(live);
    await once(listener, "listening");
    await link(live, path);
    await new Promise((resolve) => listener.close(resolve));
    const result = await exportTo(path, CSV);
    expect(result.code).toBe(7);
    expect(result.stderr).toBe(`error: cannot write ${path}: connect ECONNREFUSED ${path}\n`);
    expect(result.stdout).toBe("");
    expect((await lstat(path)).isSocket()).toBe(true);
  });
});

describe("stopping", () => {
  it("Ctrl-C mid-download leaves the file as it was and no temp file: exit 130, one line", async () => {
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const runtime = fakeRuntime(
      { exportReportRun: async () => exportOf(CSV, { onPull: (index) => void (index === 1 && runtime.interrupt()) }) },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", target], runtime, "0.0.0")).toBe(130);
    expect(runtime.stderr.text).toBe(`Stopped (SIGINT): the export was not written; ${target} is as it was.\n`);
    expect(await readFile(target, "utf8")).toBe("yesterday's export\n");
    expect(await readdir(dir)).toEqual(["report.csv"]);
    expect(runtime.listening()).toBe(0);
  });

  it("SIGTERM as the last chunk arrives still leaves the file as it was (exit 143, --json says so)", async () => {
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const runtime = fakeRuntime(
      {
        exportReportRun: async () =>
          exportOf(CSV, { onPull: (index) => void (index === CSV.length && runtime.interrupt("SIGTERM")) }),
      },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", target, "--json"], runtime, "0.0.0")).toBe(143);
    expect(JSON.parse(runtime.stdout.text).error).toEqual({
      message: `Stopped (SIGTERM): the export was not written; ${target} is as it was.`,
      exitCode: 143,
      type: "Interrupted",
    });
    expect(await readFile(target, "utf8")).toBe("yesterday's export\n");
    expect(await readdir(dir)).toEqual(["report.csv"]);
  });

  it("an aborted write stops before the first chunk: nothing reaches the file", async () => {
    const target = join(dir, "report.csv");
    const output = await openOutput(target);
    if (output === "stdout") {
      throw new Error("expected a file");
    }
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    await expect(output.write(chunksOf("a\n"), controller.signal)).rejects.toThrow("stopped");
    expect(await readdir(dir)).toEqual([]);
  });

  it("the exit hook removes every temp file still open, and leaves the targets alone", async () => {
    await writeFile(join(dir, "kept.csv"), "old\n");
    const first = await openOutput(join(dir, "kept.csv"));
    const second = await openOutput(join(dir, "new.csv"));
    expect(await readdir(dir)).toHaveLength(3);
    // Someone tidied the folder first: the hook still removes the rest, and does not fail on the one gone.
    const [gone] = (await readdir(dir)).filter((name) => name.startsWith(".new.csv."));
    await rm(join(dir, gone ?? "missing"));
    removeTempFilesSync();
    expect(await readdir(dir)).toEqual(["kept.csv"]);
    expect(await readFile(join(dir, "kept.csv"), "utf8")).toBe("old\n");
    // The command's own clean-up, later, finds nothing left to do.
    for (const output of [first, second]) {
      if (output !== "stdout") {
        await output.discard();
      }
    }
    expect(await readdir(dir)).toEqual(["kept.csv"]);
  });
});
