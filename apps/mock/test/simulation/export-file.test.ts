import { describe, expect, it } from "vitest";
import { exportChunks } from "../../src/simulation/export-file.js";
import { rowSet } from "../../src/simulation/rows.js";

const file = (count: number, rows = [{ a: "x", b: "1,2" }]) =>
  Buffer.concat([...exportChunks(rowSet({ columns: ["a", "b"], rows }, "s", count))]);

describe("the export file", () => {
  it("is UTF-16LE with a byte-order mark, tab-separated, CRLF, header first", () => {
    const bytes = file(1);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(new TextDecoder("utf-16le").decode(bytes)).toBe("a\tb\r\nx\t1,2\r\n");
  });

  it("keeps non-ASCII text and quotes fields that hold a tab, a quote or a line break", () => {
    const bytes = file(1, [{ a: 'Zürich "HQ"', b: "one\ttwo" }]);
    expect(new TextDecoder("utf-16le").decode(bytes)).toBe('a\tb\r\n"Zürich ""HQ"""\t"one\ttwo"\r\n');
  });

  it("holds every row, in chunks", () => {
    const text = new TextDecoder("utf-16le").decode(file(1234));
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1235);
  });
});
