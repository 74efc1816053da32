// Where the export goes, as root (tests run as root): never at the real /dev or /proc — a rename over them would
// replace the machine's device. Devices are stand-ins made with mknod in a temp folder. Timing follows events (a
// request the server saw), never a sleep.

import { execFileSync } from "node:child_process";
import { openSync } from "node:fs";
import {
  chmod,
  chown,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRun } from "@zuora-reports/conformance";
import { json, ok, startFaultServer } from "@zuora-reports/mock/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fifoSink, socketSink } from "./support/sinks.js";
import { runCli } from "./support/spawn-cli.js";

const { reportRunId: RUN_ID, runIn } = seedRun();

const env = { ZUORA_TOKEN: "tok-e2e-1234" };
const CSV = "Invoice.Number\tInvoice.Amount\nINV-1\t10\nINV-2\t20\n";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-output-"));
});
// The stand-in devices go with their folder.
afterEach(() => rm(dir, { recursive: true, force: true }));

function csv(res: ServerResponse, body = CSV): void {
  res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8" });
  res.end(body);
}

/** A stand-in character device: `null` (1,3) swallows writes, `full` (1,7) fails them with ENOSPC. */
function device(name: "null" | "full"): string {
  const path = join(dir, name);
  execFileSync("mknod", [path, "c", "1", name === "null" ? "3" : "7"]);
  return path;
}

const exportTo = (url: string, output: string, ...more: string[]) =>
  runCli(["export", RUN_ID, "--output", output, "--base-url", url, ...more], { env });

describe("--output targets", () => {
  it("writes into a character device and leaves it a device", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    const target = device("null");
    const result = await exportTo(server.url, target);
    expect(result).toMatchObject({ code: 0, stdout: `Wrote ${CSV.length} bytes to ${target}\n` });
    expect((await lstat(target)).isCharacterDevice()).toBe(true);
    expect(await readdir(dir)).toEqual(["null"]);
  });

  it("follows a symlink to a device and writes into the device", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    const target = device("null");
    const link = join(dir, "out.csv");
    await symlink(target, link);
    expect((await exportTo(server.url, link)).code).toBe(0);
    expect(await readlink(link)).toBe(target);
    expect((await lstat(target)).isCharacterDevice()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(["null", "out.csv"]);
  });

  it("a device that fails the write (a full disk): one line, exit 7, still a device", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    const target = device("full");
    const result = await exportTo(server.url, target, "--json");
    expect(result.code).toBe(7);
    expect(result.stderr).toBe(`error: cannot write ${target}: no space left on device\n`);
    expect(JSON.parse(result.stdout).error).toMatchObject({ exitCode: 7, type: "LocalIoError" });
    expect((await lstat(target)).isCharacterDevice()).toBe(true);
  });

  it("follows a symlink: the target gets the export, the link stays a link", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    // Longer than the export: written in place instead of replaced, its tail would show.
    await writeFile(join(dir, "real.csv"), "an older, longer export\n".repeat(20));
    const link = join(dir, "link.csv");
    await symlink("real.csv", link);
    expect((await exportTo(server.url, link)).code).toBe(0);
    expect(await readlink(link)).toBe("real.csv");
    expect(await readFile(join(dir, "real.csv"), "utf8")).toBe(CSV);
    expect((await readdir(dir)).sort()).toEqual(["link.csv", "real.csv"]);
  });

  it.each(["0600", "0640"])("keeps an existing file's mode (%s) and owner", async (octal) => {
    const mode = Number.parseInt(octal, 8);
    const server = await startFaultServer((_req, res) => csv(res));
    const target = join(dir, "private.csv");
    await writeFile(target, "old\n");
    await chmod(target, mode);
    await chown(target, 4321, 4321);
    expect((await exportTo(server.url, target)).code).toBe(0);
    const after = await stat(target);
    expect({ mode: after.mode & 0o7777, uid: after.uid, gid: after.gid }).toEqual({ mode, uid: 4321, gid: 4321 });
    expect(await readFile(target, "utf8")).toBe(CSV);
  });

  it("writes into a FIFO for its reader and leaves it a FIFO", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    const fifo = join(dir, "pipe");
    const reader = fifoSink(fifo);
    const result = await exportTo(server.url, fifo);
    expect(result.code).toBe(0);
    expect(await reader).toBe(CSV);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it("writes into a Unix socket and leaves it a socket", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    const path = join(dir, "sock");
    const sink = await socketSink(path);
    try {
      const result = await exportTo(server.url, path);
      expect(result.code).toBe(0);
      await sink.ended;
      expect(sink.received()).toBe(CSV);
      expect((await lstat(path)).isSocket()).toBe(true);
    } finally {
      sink.close();
    }
  });

  it("- means stdout", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    const result = await exportTo(server.url, "-");
    expect(result).toMatchObject({ code: 0, stdout: CSV, stderr: "" });
    expect(await readdir(dir)).toEqual([]);
  });

  it("an unwritable place fails before any request: exit 2, `cannot write <path>: <reason>`, no temp name", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    // Root may write anywhere permissions allow nothing, so the stand-in for an unwritable place is a name the
    // file system refuses.
    const target = join(dir, `${"x".repeat(300)}.csv`);
    const result = await exportTo(server.url, target, "--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: cannot write ${target}: name too long\n`);
    expect(JSON.parse(result.stdout).error).toMatchObject({ exitCode: 2, type: "LocalIoError" });
    expect(server.requests).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("removes the temp file when the command fails after opening it (a refused request)", async () => {
    const server = await startFaultServer((_req, res) => json(res, 404, { message: "no such run" }));
    const target = join(dir, "report.csv");
    expect((await exportTo(server.url, target)).code).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("stopped mid-export", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const)("%s removes the temp file and keeps the old file: exit %i", async (signal, code) => {
    // The body starts, then stalls: the child is mid-download when the signal comes.
    const server = await startFaultServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv" });
      res.write("Invoice.Number\tInvoice.Amount\n");
    });
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const result = await runCli(["export", RUN_ID, "--output", target, "--base-url", server.url], {
      env,
      // The temp file exists before the request; the request reaching the server means the export is under way.
      onSpawn: (child) => void server.handled(1).then(() => child.kill(signal)),
    });
    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`Stopped (${signal}): the export was not written; ${target} is as it was.\n`);
    expect(await readdir(dir)).toEqual(["report.csv"]);
    expect(await readFile(target, "utf8")).toBe("yesterday's export\n");
  });
});

describe("stdout that cannot be written", () => {
  it.each([
    ["export", ["export", RUN_ID]],
    ["status --json", ["status", RUN_ID, "--json"]],
    ["data", ["data", RUN_ID]],
  ])("%s on a full device: one line on stderr, exit 7, no stack", async (_name, args) => {
    const server = await startFaultServer((req, res) =>
      req.url.includes("/export/")
        ? csv(res)
        : req.url.includes("/reportdata/")
          ? json(res, 200, ok({ page: [{ a: 1 }], size: 1, offset: 1, total: 1 }))
          : json(res, 200, ok(runIn("COMPLETED"))),
    );
    const full = openSync(device("full"), "w");
    const result = await runCli([...args, "--base-url", server.url], { env, stdoutFd: full });
    expect(result).toMatchObject({ code: 7, stderr: "error: cannot write to stdout: no space left on device\n" });
  });
});

describe("empty or suspicious exports", () => {
  it("a zero-byte 200 (Content-Length: 0) is exit 8 with a notice, and leaves the file as it was", async () => {
    const server = await startFaultServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv", "Content-Length": "0" });
      res.end();
    });
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const result = await exportTo(server.url, target, "--json");
    const message = `The export of report run ${RUN_ID} is empty (0 bytes; Zuora always sends at least a header line): ${target} left as it was.`;
    expect(result.code).toBe(8);
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(JSON.parse(result.stdout)).toEqual({ error: { message, exitCode: 8, type: "EmptyExport" } });
    expect(await readdir(dir)).toEqual(["report.csv"]);
    expect(await readFile(target, "utf8")).toBe("yesterday's export\n");
  });

  it("a chunked 200 with no chunk, to stdout, is exit 8 too", async () => {
    const server = await startFaultServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv", "Transfer-Encoding": "chunked" });
      res.end();
    });
    const result = await runCli(["export", RUN_ID, "--base-url", server.url], { env });
    expect(result.code).toBe(8);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^error: The export of report run \w+ is empty \(0 bytes; .+\): nothing printed\.\n$/,
    );
  });

  it("a header-only export says 0 rows (file, --json and stdout)", async () => {
    const header = "Invoice.Number\tInvoice.Amount\n";
    const server = await startFaultServer((_req, res) => csv(res, header));
    const target = join(dir, "report.csv");
    const human = await exportTo(server.url, target);
    expect(human).toMatchObject({
      code: 0,
      stdout: `Wrote ${header.length} bytes to ${target} (a header line and 0 rows)\n`,
    });
    const json = await exportTo(server.url, target, "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ bytes: header.length, rows: 0 });
    const piped = await runCli(["export", RUN_ID, "--base-url", server.url], { env });
    expect(piped).toMatchObject({
      code: 0,
      stdout: header,
      stderr: "notice: the export is a header line and 0 rows.\n",
    });
  });

  it("an export with rows says nothing more", async () => {
    const server = await startFaultServer((_req, res) => csv(res));
    const target = join(dir, "report.csv");
    const json = await exportTo(server.url, target, "--json");
    expect(JSON.parse(json.stdout)).not.toHaveProperty("rows");
    expect(json.stderr).toBe("");
  });
});
