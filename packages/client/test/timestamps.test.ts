import { describe, expect, it } from "vitest";
import { InvalidArgumentError, parseTimestamp } from "../src/index.js";

describe("parseTimestamp", () => {
  it.each([
    [1453166692000, "2016-01-19T01:24:52.000Z"],
    ["1453166692000", "2016-01-19T01:24:52.000Z"],
    ["2018-04-13T02:11:38.464+0000", "2018-04-13T02:11:38.464Z"],
    ["2018-04-13T04:11:38.464+0200", "2018-04-13T02:11:38.464Z"],
    ["2018-04-13T02:11:38.464-05:00", "2018-04-13T07:11:38.464Z"],
    ["2018-04-13T02:11:38Z", "2018-04-13T02:11:38.000Z"],
    ["2018-04-13T02:11:38.4641234+0000", "2018-04-13T02:11:38.464Z"],
    ["2018-04-13T02:11:38", "2018-04-13T02:11:38.000Z"],
  ])("%s → %s", (input, iso) => {
    expect(parseTimestamp(input).toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "2018-13-45T99:99:99+0000", Number.NaN])("rejects %s", (input) => {
    expect(() => parseTimestamp(input)).toThrow(InvalidArgumentError);
  });
});
