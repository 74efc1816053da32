// The README's example is a real file: run it against the mock so it cannot rot.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, inject, it, vi } from "vitest";

// The example imports the package by name: in this file that name is src/, so the in-process run below tests the
// source (and mutation testing counts it); the child-process run still tests the build the README ships.
vi.mock("@zuora-reports/client", () => import("../src/index.js"));

/** What the quickstart prints, for both runs. */
function expectQuickstartOutput(stdout: string) {
  expect(stdout).toContain("status: COMPLETED");
  expect(stdout).toMatch(/run \S+ completed \(started \d{4}-\d\d-\d\dT/);
  // The export holds the same rows as the data pages, plus its header line, in Zuora's UTF-16LE.
  const rows = Number(/^rows: (\d+)$/m.exec(stdout)?.[1]);
  expect(rows).toBeGreaterThan(0);
  expect(stdout).toMatch(new RegExp(`^export: ${rows + 1} lines \\(utf-16le\\), header: \\S`, "m"));
}

it("examples/quickstart.mjs, run in-process against src/, runs → waits → reads rows → exports", async () => {
  const printed: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  vi.stubEnv("ZUORA_BASE_URL", inject("mockUrl"));
  try {
    const example = "../examples/quickstart.mjs"; // a variable: the example has no type declarations
    await import(example);
  } finally {
    write.mockRestore();
    vi.unstubAllEnvs();
  }
  expectQuickstartOutput(printed.join(""));
});

it("examples/quickstart.mjs runs → waits → reads rows → exports, against the mock", async () => {
  const script = fileURLToPath(new URL("../examples/quickstart.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, ZUORA_BASE_URL: inject("mockUrl") },
  });
  expectQuickstartOutput(stdout);
});

it("the CommonJS build exports what the ESM build does", async () => {
  const { createRequire } = await import("node:module");
  const cjs = createRequire(import.meta.url)("../dist/index.cjs") as Record<string, unknown>;
  const esmPath = "../dist/index.mjs"; // a variable, so type-checking does not need a build
  const esm = (await import(esmPath)) as Record<string, unknown>;
  expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
  // Interop with CommonJS dependencies (openapi-fetch, papaparse) must work in both builds.
  for (const build of [cjs, esm]) {
    const create = build.createReportingClient as typeof import("../src/index.js").createReportingClient;
    const body = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([97, 9, 98, 10]).buffer)]);
    const client = create({
      baseUrl: "http://127.0.0.1:9",
      auth: { token: "tok-123" },
      fetch: async () => new Response(body, { headers: { "Content-Type": "text/csv;charset=utf-16" } }),
    });
    expect(await (await client.exportReportRun("r1")).rows()).toEqual([["a", "b"]]);
  }
});
