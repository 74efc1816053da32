// The code samples in spec/code_samples: each operation has a curl and a TypeScript one, the quickstart in the
// spec's description is the tested files verbatim, and every sample runs as written against the mock.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { seedRun } from "@zuora-reports/conformance";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { guide, operations, readSpec, SAMPLES } from "./support/spec.js";
import { PACKAGED_JQ, type SampleTools, sampleTools } from "./support/tools.js";

const run = promisify(execFile);
const spec = readSpec();
const ops = operations(spec);
const mockUrl = inject("mockUrl");
// The quickstart addresses `pnpm mock` on its default port; the tests' mock listens on a free one.
const QUICKSTART_MOCK_URL = "http://127.0.0.1:4010";
// Prism validates the token request: an OAuth client id is 36 characters.
const CLIENT_ID = "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11";
// The samples use the id of Zuora's published run, which the mock serves as COMPLETED.
const SEED_RUN_ID = seedRun().reportRunId;

/** A run that is still going (the mock's scenario report whose runs never end), for the cancel samples. */
async function runningRunId(): Promise<string> {
  const response = await fetch(`${mockUrl}/reports/mock-never-ends/reportrun?viewType=Detail`, {
    method: "POST",
    headers: { Authorization: "Bearer any-token" },
  });
  return ((await response.json()) as { response: { reportRunId: string } }).response.reportRunId;
}

/** The export as the mock sends it, like Zuora: UTF-16LE with a byte-order mark. */
async function readExport(path: string): Promise<string> {
  const bytes = await readFile(path);
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  return new TextDecoder("utf-16le").decode(bytes);
}

const sampleEnv = {
  ZUORA_BASE_URL: mockUrl,
  ZUORA_HOST: mockUrl,
  ZUORA_TOKEN: "any-token",
  ZUORA_CLIENT_ID: CLIENT_ID,
  ZUORA_CLIENT_SECRET: "not-a-real-secret",
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(SAMPLES, join(entry.parentPath, entry.name)));
}

async function sample(path: string): Promise<string> {
  return readFile(join(SAMPLES, path), "utf8");
}

let workDir = "";
let toolsDir = "";
let tools: SampleTools;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "docs-samples-"));
  toolsDir = await mkdtemp(join(tmpdir(), "docs-sample-tools-"));
  tools = await sampleTools(toolsDir);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await rm(toolsDir, { recursive: true, force: true });
});

/** Runs shell lines with bash (errors stop it), in a scratch folder, with the sample variables set. */
async function runShell(source: string): Promise<string> {
  try {
    const { stdout } = await run("bash", ["-euo", "pipefail", "-c", source], {
      cwd: workDir,
      env: { PATH: tools.path, ...sampleEnv },
    });
    return stdout;
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number | string };
    throw new Error(`The sample failed (exit ${code}): ${stderr}\n--- sample ---\n${source}`);
  }
}

describe("the samples in the spec", () => {
  it("give every operation a curl and a TypeScript sample", () => {
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      const langs = op.codeSamples.map((s) => s.lang);
      expect(langs, op.operationId).toEqual(["Shell", "TypeScript"]);
      for (const s of op.codeSamples) {
        expect(s.source.trim().length, `${op.operationId} ${s.lang}`).toBeGreaterThan(0);
      }
    }
  });

  it("use every per-operation sample file, and only those", async () => {
    const bundled = new Set(ops.flatMap((op) => op.codeSamples.map((s) => s.source)));
    const files = (await filesUnder(SAMPLES)).filter((f) => /^(curl|TypeScript)\/[^/]+\/[a-z]+\.(sh|ts)$/.test(f));
    expect(files.length).toBe(ops.length * 2);
    for (const file of files) {
      expect(bundled.has(await sample(file)), `${file} is not an operation's sample`).toBe(true);
    }
  });

  it("embed the quickstart files verbatim in the guides", async () => {
    for (const [file, name] of [
      ["curl/quickstart.sh", "Quickstart"],
      ["TypeScript/quickstart.ts", "Quickstart"],
      ["curl/mock.sh", "Mocking"],
    ] as const) {
      expect(guide(spec, name), file).toContain((await sample(file)).trimEnd());
    }
  });

  it("list every environment preset in the quickstart, with its host and base path", () => {
    const quickstart = guide(spec, "Quickstart");
    for (const server of spec.servers) {
      const { host, pathname } = new URL(server.url);
      const row = new RegExp(`^\\| \`${server["x-environment"]}\` +\\| \`${escapeRegExp(host)}\` +\\|`, "m");
      expect(quickstart).toMatch(row);
      expect(quickstart, server.url).toContain(`\`https://<host>${pathname}\``);
    }
  });
});

describe("the packaged jq, which the curl samples use where the machine has no jq", () => {
  async function jq(input: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
    const child = execFile(process.execPath, [PACKAGED_JQ, ...args]);
    child.stdin?.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number>((resolve) => child.on("close", (status) => resolve(status ?? -1)));
    return { stdout, stderr, code };
  }

  it("prints a raw string field, as `jq -r` does", async () => {
    const body = JSON.stringify({ success: true, response: { reportRunId: SEED_RUN_ID } });
    await expect(jq(body, "-r", ".response.reportRunId")).resolves.toEqual({
      stdout: `${SEED_RUN_ID}\n`,
      stderr: "",
      code: 0,
    });
  });

  it("fails like jq on a body that is not JSON, so the sample stops", async () => {
    const result = await jq("<html><body>Bad gateway</body></html>", "-r", ".response.status");
    expect(result.code).toBe(5);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^jq: .*parse error/);
  });

  it("fails like jq on a filter that does not compile", async () => {
    const result = await jq("{}", "-r", ".response.(");
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/compile error/);
  });
});

describe("the curl samples, run as written against the mock", () => {
  for (const op of ops) {
    it(`${op.operationId}`, async () => {
      let source = op.codeSamples.find((s) => s.lang === "Shell")?.source ?? "";
      if (op.operationId === "cancelReportRun") {
        // "Cancel a run that has not finished yet": the published run has.
        source = source.replaceAll(SEED_RUN_ID, await runningRunId());
      }
      const stdout = await runShell(source);
      if (op.operationId === "exportReportRun") {
        // Written to a file, like a real export.
        const csv = await readExport(join(workDir, "report.csv"));
        expect(csv.split("\r\n")[0]?.split("\t").length).toBeGreaterThan(1);
        return;
      }
      const body = JSON.parse(stdout) as Record<string, unknown>;
      if (op.operationId === "createToken") {
        expect(body.access_token).toEqual(expect.any(String));
      } else {
        expect(body.success).toBe(true);
      }
    });
  }

  it("the quickstart runs a report, polls it to COMPLETED and fetches its data and export", async () => {
    const source = await sample("curl/quickstart.sh");
    expect(source).toContain(QUICKSTART_MOCK_URL);
    expect(source).toContain("sleep 5");
    await rm(join(workDir, "report.csv"), { force: true });
    // Against the mock's URL, and polling faster than a reader would against Zuora.
    const stdout = await runShell(source.replaceAll(QUICKSTART_MOCK_URL, mockUrl).replace("sleep 5", "sleep 0.2"));
    const lines = stdout.split("\n");
    const done = lines.indexOf("COMPLETED");
    expect(lines.slice(0, done).every((s) => ["STARTED", "QUERYDATA", "PROCESSINGDATA"].includes(s))).toBe(true);
    const data = JSON.parse(lines[done + 1] ?? "").response;
    expect(data.total).toBeGreaterThan(0);
    // The export's header line names the data's columns.
    const header = (await readExport(join(workDir, "report.csv"))).split("\r\n")[0];
    expect(header).toBe(Object.keys(data.page[0]).join("\t"));
  });

  it("the Prefer examples pick a state, an empty page, a 429 and a 401", async () => {
    const source = await sample("curl/mock.sh");
    expect(source).toContain(QUICKSTART_MOCK_URL);
    // Against the mock's URL, and polling faster than a reader would against Zuora.
    const stdout = await runShell(source.replaceAll(QUICKSTART_MOCK_URL, mockUrl).replace("sleep 5", "sleep 0.2"));
    expect(stdout).toContain('"status":"PROCESSINGDATA"');
    expect(stdout).toContain('"page":[],');
    expect(stdout).toMatch(/HTTP\/1\.1 429 Too Many Requests/);
    expect(stdout).toMatch(/^Retry-After: \d+/im);
    expect(stdout).toContain('{"message":"Authentication error"}');
  });
});

// What each TypeScript sample prints against the mock: new runs go STARTED → … → COMPLETED; the published run
// (a Detail run with Zuora's four published rows) is COMPLETED.
const TS_OUTPUT: Record<string, RegExp> = {
  "TypeScript/quickstart.ts":
    /^((STARTED|QUERYDATA|PROCESSINGDATA)\n)*COMPLETED\n(\{.*\}\n)+\[.*"Invoice\.CreatedDate".*\] \d+ rows$/,
  "TypeScript/oauth_token/post.ts": /^COMPLETED$/,
  "TypeScript/reports_{reportId}_reportrun/post.ts": /^[0-9a-f]{32}\nCOMPLETED$/,
  "TypeScript/reportruns_{reportRunId}/get.ts": new RegExp(
    `^COMPLETED 2016-01-19T01:24:55\\.000Z\nCOMPLETED\n${SEED_RUN_ID}$`,
  ),
  "TypeScript/reportruns_{reportRunId}/delete.ts": /^The report run has been canceled$/,
  "TypeScript/reports_{reportId}_reportruns_latest/get.ts": /^\w+ COMPLETED$/,
  "TypeScript/reportruns_reportdata_{reportRunId}/get.ts": /^4 of 4 rows \{.*\}\n(\{.*\}\n){3}\{.*\}$/,
  "TypeScript/reportruns_export_{reportRunId}/get.ts": /^\[.*"Invoice\.CreatedDate".*\] 4 rows$/,
  // The mock's catalogue: the report of the published run is among the reports named "invoice".
  "TypeScript/reports_search/get.ts": new RegExp(
    `^\\d+ reports \\(the last page\\)\n${seedRun().reportId} [0-9a-f]{32}$`,
  ),
};

describe("the TypeScript samples, run as written against the mock", () => {
  it("each has an expected output below", async () => {
    const files = (await filesUnder(SAMPLES)).filter((f) => f.endsWith(".ts")).sort();
    expect(files).toEqual(Object.keys(TS_OUTPUT).sort());
  });

  for (const [file, expected] of Object.entries(TS_OUTPUT)) {
    it(file, async () => {
      vi.stubEnv("ZUORA_BASE_URL", sampleEnv.ZUORA_BASE_URL);
      vi.stubEnv("ZUORA_TOKEN", sampleEnv.ZUORA_TOKEN);
      vi.stubEnv("ZUORA_CLIENT_ID", sampleEnv.ZUORA_CLIENT_ID);
      vi.stubEnv("ZUORA_CLIENT_SECRET", sampleEnv.ZUORA_CLIENT_SECRET);
      const lines: string[] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      });
      try {
        let path = join(SAMPLES, file);
        if (file.endsWith("delete.ts")) {
          // Cancelling needs a run that has not finished: the same sample, given one.
          path = join(workDir, "delete.ts");
          await writeFile(path, (await sample(file)).replaceAll(SEED_RUN_ID, await runningRunId()));
        }
        await import(/* @vite-ignore */ path);
      } finally {
        log.mockRestore();
        vi.unstubAllEnvs();
      }
      expect(lines.join("\n")).toMatch(expected);
    });
  }
});
