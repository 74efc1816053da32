// Which invocations get the export's memory setting (its effect is measured by `pnpm bench`, not asserted).
import { describe, expect, it } from "vitest";
import { downloadsExport } from "../src/memory.js";

describe("downloadsExport", () => {
  it.each([
    [["export", "abc", "--output", "r.csv"], true],
    [["export", "abc"], true],
    [["run", "abc", "--view", "Detail", "--output", "r.csv"], true],
    [["run", "abc", "--view", "Detail", "--output=r.csv"], true],
    [["status", "abc"], false],
    [["data", "abc", "--all"], false],
    [["run", "abc", "--view", "Detail", "--wait"], false],
  ])("%j → %s", (args, expected) => {
    expect(downloadsExport(args)).toBe(expected);
  });
});
