import { describe, expect, it } from "vitest";
import { parseTsv, rowSet, type TemplateRows } from "../../src/simulation/rows.js";

const INVOICES: TemplateRows = {
  columns: ["Invoice.CreatedDate", "Account.Currency", "Invoice.Amount", "BillToContact.AccountId"],
  rows: [
    {
      "Invoice.CreatedDate": "Dec 7, 2013 2:18:00 PM",
      "Account.Currency": "USD",
      "Invoice.Amount": "900.00",
      "BillToContact.AccountId": "2c90838f42cf16030142cf215ecb0014",
    },
    {
      "Invoice.CreatedDate": "Jan 20, 2014 3:24:00 PM",
      "Account.Currency": "CAD",
      "Invoice.Amount": "1,729.76",
      "BillToContact.AccountId": "8a858290439c517a0143b1f4229c013f",
    },
  ],
};

describe("rowSet", () => {
  it("starts with the template's rows, then generates rows shaped like them", () => {
    const rows = rowSet(INVOICES, "report|Detail", 500);
    expect(rows.count).toBe(500);
    expect(rows.row(0)).toBe(INVOICES.rows[0]);
    expect(rows.row(1)).toBe(INVOICES.rows[1]);
    for (let i = 2; i < 500; i++) {
      const row = rows.row(i);
      expect(Object.keys(row)).toEqual(INVOICES.columns);
      expect(row["Invoice.CreatedDate"]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/);
      expect(["USD", "CAD"]).toContain(row["Account.Currency"]);
      expect(row["Invoice.Amount"]).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(row["BillToContact.AccountId"]).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("is the same for the same seed and differs for another", () => {
    const a = rowSet(INVOICES, "report|Detail", 100);
    const b = rowSet(INVOICES, "report|Detail", 100);
    const c = rowSet(INVOICES, "other|Detail", 100);
    expect(b.row(77)).toEqual(a.row(77));
    expect(c.row(77)).not.toEqual(a.row(77));
  });

  it("keeps numbers numbers and picks other values from the template", () => {
    const rows = rowSet({ columns: ["n", "flag"], rows: [{ n: 1.5, flag: "yes" }] }, "s", 3);
    expect(typeof rows.row(2).n).toBe("number");
    expect(rows.row(2).flag).toBe("yes");
  });

  it("holds fewer rows than the template when asked to", () => {
    expect(rowSet(INVOICES, "s", 0).count).toBe(0);
  });
});

describe("parseTsv", () => {
  it("reads a header and rows from tab-separated CRLF text", () => {
    expect(parseTsv("a\tb\r\n1\t2\r\n3\t4\r\n")).toEqual({
      columns: ["a", "b"],
      rows: [
        { a: "1", b: "2" },
        { a: "3", b: "4" },
      ],
    });
  });
});
