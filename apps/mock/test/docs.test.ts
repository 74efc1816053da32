// The Mocking guide and this package's README keep up with the mock: every scenario of the document and every knob
// is explained, and the guide carries the docs' Prefer sample verbatim (the docs embed it from there).
import { readFileSync } from "node:fs";
import { loadConformance } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { defaultSpecPath, KNOBS } from "../src/index.js";
import { readScenarios } from "../src/simulation/scenarios.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const guide = read("../../../spec/guides/mocking.md");
const readme = read("../README.md");
const scenarios = readScenarios(loadConformance(defaultSpecPath)).listed;

describe("the Mocking guide (spec/guides/mocking.md)", () => {
  it("lists every scenario with its statuses", () => {
    for (const scenario of scenarios) {
      const statuses = scenario.statuses.map((s) => `\`${s}\``).join(" → ") || "–";
      expect(guide).toMatch(new RegExp(`^\\| \`${scenario.reportId}\` +\\| .* \\| ${statuses} +\\|$`, "m"));
    }
  });

  it("has the knob table that KNOBS is, row for row and word for word (the same table reads the variables)", () => {
    const section = guide.slice(guide.indexOf("## Knobs"), guide.indexOf("\n## ", guide.indexOf("## Knobs") + 1));
    const rows = section
      .split("\n")
      .filter((line) => line.startsWith("| `MOCK_"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(KNOBS.map((k) => [`\`${k.env}\``, `\`${k.option}\``, k.default, k.meaning]));
  });

  it("carries the Prefer sample of the docs verbatim", () => {
    expect(guide).toContain(read("../../../spec/code_samples/curl/mock.sh").trimEnd());
  });
});

describe("the README", () => {
  it("names every scenario and every option", () => {
    for (const scenario of scenarios) {
      expect(readme).toContain(`\`${scenario.reportId}\``);
    }
    for (const knob of KNOBS) {
      expect(readme).toContain(`\`${knob.option.split(".")[0]}\``);
    }
  });
});
