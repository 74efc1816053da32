import type { ReportRun } from "@zuora-reports/client";
import { seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { decodeStream } from "../src/format/decode.js";
import { formatDuration } from "../src/format/duration.js";
import { columnsOf, csvLine, formatTable } from "../src/format/rows.js";
import { formatRun } from "../src/format/run.js";

const SEED = seedRun();
const run: ReportRun = {
  id: SEED.reportRunId,
  reportId: SEED.reportId,
  reportType: "Detail",
  status: "COMPLETED",
  startedOn: 1453166692000,
  updatedOn: "2016-01-19T01:25:57.000+0000",
};

describe("human output", () => {
  it("shows a run as aligned lines, with UTC times and how long a completed run took", () => {
    expect(formatRun(run)).toBe(
      [
        `Report run  ${SEED.reportRunId}`,
        "Status      COMPLETED",
        `Report      ${SEED.reportId} (Detail)`,
        "Started     2016-01-19T01:24:52.000Z",
        "Updated     2016-01-19T01:25:57.000Z (took 1m 05s)",
        "",
      ].join("\n"),
    );
    expect(formatRun({ ...run, status: "QUERYDATA" })).not.toContain("took");
  });

  it("formats durations", () => {
    expect(formatDuration(850)).toBe("0s");
    expect(formatDuration(65_000)).toBe("1m 05s");
    expect(formatDuration(3_720_000)).toBe("1h 02m");
  });

  it("aligns a table, flattens line breaks and cuts long cells", () => {
    const long = "x".repeat(60);
    const table = formatTable([
      { "Account.Name": "East\nInc", "Invoice.Amount": "900.00" },
      { "Account.Name": long, "Invoice.Amount": null, Extra: 1 },
    ]);
    const lines = table.trimEnd().split("\n");
    expect(lines[0]).toBe(`Account.Name${" ".repeat(28)}  Invoice.Amount  Extra`);
    expect(lines[2]).toBe(`East Inc${" ".repeat(32)}  900.00`);
    expect(lines[3]).toBe(`${"x".repeat(39)}…                  1`);
  });

  it("collects columns in order of first appearance", () => {
    expect(
      columnsOf([
        { a: 1, b: 2 },
        { c: 3, a: 4 },
      ]),
    ).toEqual(["a", "b", "c"]);
  });

  it("quotes CSV fields only where RFC 4180 needs it", () => {
    expect(csvLine(["plain", "1,729.76", 'say "hi"', "two\nlines"])).toBe(
      'plain,"1,729.76","say ""hi""","two\nlines"\r\n',
    );
  });
});

describe("export decoding", () => {
  const streamOf = (...chunks: number[][]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) {
          controller.enqueue(Uint8Array.from(chunk));
        }
        controller.close();
      },
    });
  const collect = async (iterable: AsyncIterable<string>) => {
    let text = "";
    for await (const part of iterable) {
      text += part;
    }
    return text;
  };

  it("decodes Zuora's UTF-16LE with a BOM, even across a character split between chunks", async () => {
    // BOM, "é\t1" in UTF-16LE, split inside the "é".
    const bytes = [0xff, 0xfe, 0xe9, 0x00, 0x09, 0x00, 0x31, 0x00];
    expect(await collect(decodeStream(streamOf(bytes.slice(0, 3), bytes.slice(3)), "utf-8"))).toBe("é\t1");
  });

  it("sniffs the encoding even when the first chunks are tiny, and decodes a body shorter than 4 bytes", async () => {
    expect(await collect(decodeStream(streamOf([0xff], [0xfe, 0x41], [0x00, 0x42, 0x00]), "utf-8"))).toBe("AB");
    expect(await collect(decodeStream(streamOf([0x41, 0x42]), "utf-8"))).toBe("AB");
    expect(await collect(decodeStream(streamOf(), "utf-8"))).toBe("");
  });

  it("recognises UTF-16LE without a BOM, and keeps UTF-8 as UTF-8", async () => {
    expect(await collect(decodeStream(streamOf([0x41, 0, 0x42, 0]), "utf-8"))).toBe("AB");
    expect(await collect(decodeStream(streamOf([0x41, 0x42, 0x43, 0x44]), "utf-8"))).toBe("ABCD");
    expect(await collect(decodeStream(streamOf([0xc3, 0xa9, 0x09, 0x31]), "utf-8"))).toBe("é\t1");
  });

  it("names an unsupported charset", async () => {
    await expect(collect(decodeStream(streamOf([0x41]), "x-klingon"))).rejects.toThrow(
      'Cannot decode the export: unsupported charset "x-klingon".',
    );
  });
});
