// The guide's curl walk-throughs for tenant types and replay, run as written against a mock started with the
// variables their first line names: each block's output must be the `# …` lines under its commands (`<seconds>`
// stands for any whole number; runs of spaces count as one).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type MockServer, optionsFromEnv, startMock } from "../src/index.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const guide = readFileSync(join(ROOT, "spec/guides/mocking.md"), "utf8");
const work = mkdtempSync(join(tmpdir(), "mock-guide-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The `sh` block of the section titled `heading`. */
function blockOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  const end = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (start === -1 || block === undefined) {
    throw new Error(`No sh block under "## ${heading}".`);
  }
  return block;
}

/** The `# …` lines that follow a command (not those that open a paragraph): what the block prints. */
function expectedOutput(block: string): string[] {
  const expected: string[] = [];
  let afterCommand = false;
  for (const line of block.split("\n")) {
    if (line.startsWith("# ") && afterCommand) {
      expected.push(line.slice(2));
    } else {
      afterCommand = line.trim() !== "" && !line.startsWith("#");
    }
  }
  return expected;
}

const normal = (line: string) => line.trim().replace(/\s+/g, " ");
const pattern = (line: string) =>
  new RegExp(
    `^${normal(line)
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace("<seconds>", "\\d+")
      .replaceAll("<seconds>", "\\d+")}$`,
  );

/** 2,501 requests by curl take 5 s here, but minutes on a machine loaded with other suites. */
const WALK_TIMEOUT_MS = 300_000;

function run(script: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      "bash",
      ["-eo", "pipefail", "-c", script],
      { cwd: work, timeout: WALK_TIMEOUT_MS },
      (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout)),
    );
  });
}

/**
 * Runs the section's block against a mock started as its first line says. `clock` stands in for the mock's clock
 * where the block's output depends on how long it takes.
 */
async function walkThrough(heading: string, clock?: () => number): Promise<void> {
  const block = blockOf(guide, heading);
  const env = Object.fromEntries([...block.matchAll(/\b(MOCK_[A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const options = optionsFromEnv(env);
  let mock: MockServer | undefined;
  try {
    mock = await startMock({
      ...options,
      ...(options.replay ? { replay: resolve(ROOT, options.replay) } : {}),
      ...(clock ? { now: clock } : {}),
    });
    const stdout = await run(block.replaceAll("http://127.0.0.1:4010", mock.url));
    const lines = stdout.split("\n").filter((line) => line.trim() !== "");
    const expected = expectedOutput(block);
    expect(lines.length, stdout).toBe(expected.length);
    lines.forEach((line, i) => {
      expect(normal(line)).toMatch(pattern(expected[i] as string));
    });
  } finally {
    await mock?.stop();
  }
}

describe("the Mocking guide's walk-throughs, run as written", { timeout: WALK_TIMEOUT_MS }, () => {
  it("tenant types: the headers count down, the 2,501st request in a minute is a 429, another group is apart", async () => {
    // 2,501 requests fit in the minute on any machine only if the minute does not pass: on a loaded one, curl's
    // 2,500 took over 60 s and the window started afresh. The mock's clock stands still instead.
    const start = Date.now();
    await walkThrough("Tenant types and their rate limits", () => start);
  });

  it("replay: recorded answers in order, the last repeating, the rest falling through", async () => {
    await walkThrough("Replaying recorded answers");
  });

  it("reads expected output only under commands", () => {
    expect(expectedOutput("# prose\ncurl x\n# out 1\n# out 2\n\n# prose again\necho\n# out 3\n")).toEqual([
      "out 1",
      "out 2",
      "out 3",
    ]);
  });
});
