// The Mocking guide's curl walk-throughs of the control API and of latency, run as written (bash, curl, grep) against
// a mock on a free port instead of `pnpm mock`'s 4010. Each command's output is the `# ` lines right below it: a line
// indented two more spaces goes on the line above, and `…` stands for any text (ids, times).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock, type Violation } from "../src/index.js";

const run = promisify(execFile);
const GUIDE = new URL("../../../spec/guides/mocking.md", import.meta.url);
const DEFAULT_URL = "http://127.0.0.1:4010";

/** The first sh block of the section whose heading starts with `heading`. */
function shBlock(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  const end = markdown.indexOf("\n## ", start + 1);
  const block = /```sh\n([\s\S]*?)```/.exec(markdown.slice(start, end < 0 ? undefined : end))?.[1];
  if (start < 0 || block === undefined) {
    throw new Error(`The guide has no sh block under "## ${heading}".`);
  }
  return block;
}

/** The output a block shows: the comment lines right below a command, continuation lines joined. */
function expectedOutput(block: string): string[] {
  const lines: string[] = [];
  let belowCommand = false;
  for (const line of block.split("\n")) {
    if (line.trim() === "") {
      belowCommand = false;
    } else if (!line.startsWith("#")) {
      belowCommand = true;
    } else if (belowCommand && line.startsWith("#   ") && lines.length > 0) {
      lines[lines.length - 1] += line.slice(4);
    } else if (belowCommand) {
      lines.push(line.slice(2));
    }
  }
  return lines;
}

/** A shown line as a pattern: `…` is any text, the rest literal. */
const pattern = (shown: string) =>
  new RegExp(
    `^${shown
      .split("…")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );

const violations: Violation[] = [];
let mock: MockServer;
let workDir = "";
let guide = "";

beforeAll(async () => {
  guide = await readFile(GUIDE, "utf8");
  workDir = await mkdtemp(join(tmpdir(), "mock-guide-"));
  mock = await startMock({ preferExamples: false, onViolation: (v) => violations.push(v) });
});

afterAll(async () => {
  await mock.stop();
  await rm(workDir, { recursive: true, force: true });
  expect(violations).toEqual([]);
});

async function runBlock(block: string): Promise<string[]> {
  const script = block.replaceAll(DEFAULT_URL, mock.url);
  try {
    const { stdout } = await run("bash", ["-euo", "pipefail", "-c", script], { cwd: workDir });
    return stdout.split("\n").slice(0, -1);
  } catch (error) {
    const { stdout, stderr, code } = error as { stdout: string; stderr: string; code: number };
    throw new Error(`The walk-through failed (exit ${code}): ${stderr}\n--- its output ---\n${stdout}`);
  }
}

describe("the Mocking guide's walk-throughs, run as written", () => {
  it("reads a block's output lines: below commands only, continuations joined", () => {
    const block = '# prose\nM=x\ncurl a\n# {"a":1,\n#   "b":2}\n\n# more prose\ncurl b\n# done\n';
    expect(expectedOutput(block)).toEqual(['{"a":1,"b":2}', "done"]);
    expect(pattern('{"id":"…","x":1}').test('{"id":"9f","x":1}')).toBe(true);
    expect(pattern('{"id":"…","x":1}').test('{"id":"9f","x":2}')).toBe(false);
  });

  for (const heading of ["Controlling the mock", "Latency"]) {
    it(`"${heading}" prints what the guide shows`, async () => {
      const block = shBlock(guide, heading);
      expect(block).toContain(DEFAULT_URL);
      const shown = expectedOutput(block);
      expect(shown.length).toBeGreaterThan(3);
      const printed = await runBlock(block);
      expect(printed).toHaveLength(shown.length);
      shown.forEach((line, index) => {
        expect(printed[index], `line ${index + 1}: ${line}`).toMatch(pattern(line));
      });
    });
  }
});
