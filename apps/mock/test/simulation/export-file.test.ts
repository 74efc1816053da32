import { describe, expect, it } from "vitest";
import { crosstab, exportChunks } from "../../src/simulation/export-file.js";
import { type RowSet, rowSet } from "../../src/simulation/rows.js";

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

describe("crosstab (pivoted Summary export)", () => {
  const summary = {
    columns: ["Account: Currency", "Account: Name", "SUM of 'Account: Account Balance'"],
    rows: [
      { "Account: Currency": "EUR", "Account: Name": "East Inc", "SUM of 'Account: Account Balance'": "-120.2" },
      { "Account: Currency": "USD", "Account: Name": "North Services", "SUM of 'Account: Account Balance'": "1,430.5" },
      { "Account: Currency": "USD", "Account: Name": "West Corp", "SUM of 'Account: Account Balance'": "279.75" },
      { "Account: Currency": "USD", "Account: Name": "North Services", "SUM of 'Account: Account Balance'": "1,000" },
    ],
  };
  const text = (rows: RowSet) => new TextDecoder("utf-16le").decode(Buffer.concat([...exportChunks(rows)]).subarray(2));

  it("puts the groups but the last down, the last group's values across, the measure (summed) in the cells", () => {
    expect(text(crosstab(rowSet(summary, "s", 4)))).toBe(
      "Account: Currency\tEast Inc\tNorth Services\tWest Corp\r\nEUR\t-120.2\t\t\r\nUSD\t\t2,430.5\t279.75\r\n",
    );
  });

  it("gives a column per value and measure when there are several measures", () => {
    const rows = rowSet(
      {
        columns: ["Region", "Year", "SUM of Amount", "COUNT of Invoice"],
        rows: [
          { Region: "EU", Year: "2024", "SUM of Amount": "10", "COUNT of Invoice": "1" },
          { Region: "EU", Year: "2025", "SUM of Amount": "5", "COUNT of Invoice": "2" },
        ],
      },
      "s",
      2,
    );
    expect(text(crosstab(rows))).toBe(
      "Region\t2024: SUM of Amount\t2024: COUNT of Invoice\t2025: SUM of Amount\t2025: COUNT of Invoice\r\nEU\t10\t1\t5\t2\r\n",
    );
  });

  it("leaves a table with one group flat", () => {
    const rows = rowSet({ columns: ["a", "SUM of b"], rows: [{ a: "x", "SUM of b": "1" }] }, "s", 1);
    expect(crosstab(rows)).toBe(rows);
  });
});
