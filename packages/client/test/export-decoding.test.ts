// An export's text as a caller reads it: the charset labels servers use, byte-order marks, a missing Content-Type,
// an unsupported charset, the deadline of the whole text() read, and a body released when it will not be read.

import { getEventListeners } from "node:events";
import { seedRun } from "@zuora-reports/conformance";
import { stall } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { AbortError, InvalidArgumentError, TimeoutError } from "../src/index.js";
import { failure, fakeClock, faultClient } from "./support/client.js";
import { feed, isSettled, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID } = seedRun();

const TEXT = "Name\tAmount\nÉtienne\t€ 12\n";
const utf16be = (text: string) => Buffer.from(Buffer.from(text, "utf16le")).swap16();

/** An export whose response is `body` with `headers`. */
async function exportOf(body: BodyInit | null, headers: Record<string, string> = {}, timeoutMs?: number) {
  const { client } = stubClient(() => new Response(body, { headers }), timeoutMs ? { timeoutMs } : {});
  return client.exportReportRun(RUN_ID);
}

describe("charsets", () => {
  it.each([
    ["text/csv;charset=utf8", "utf-8"],
    ["text/csv;charset=UTF8", "utf-8"],
    ["text/csv;charset=utf16", "utf-16le"],
    ["text/csv;charset=UTF-16", "utf-16le"],
    ["text/csv;charset=utf-16be", "utf-16be"],
    ["text/csv; charset=iso-8859-1", "iso-8859-1"],
    ['text/csv;charset="utf-16";header=present', "utf-16le"],
  ])("%s is decoded as %s", async (contentType, charset) => {
    const bytes =
      charset === "utf-8"
        ? Buffer.from(TEXT)
        : charset === "utf-16le"
          ? Buffer.from(TEXT, "utf16le")
          : charset === "utf-16be"
            ? utf16be(TEXT)
            : Buffer.from(TEXT.replace("€ ", ""), "latin1");
    const exported = await exportOf(bytes, { "Content-Type": contentType });
    expect(exported.charset).toBe(charset);
    // € is not in Latin-1.
    expect(await exported.text()).toBe(charset === "iso-8859-1" ? TEXT.replace("€ ", "") : TEXT);
  });

  it("a UTF-16BE byte-order mark wins over a UTF-8 Content-Type", async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]);
    expect(await (await exportOf(bytes, { "Content-Type": "text/csv;charset=utf-8" })).text()).toBe(TEXT);
  });

  it("a UTF-8 byte-order mark wins over a UTF-16 Content-Type, and is dropped", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    expect(await (await exportOf(bytes, { "Content-Type": "text/csv;charset=utf-16" })).text()).toBe(TEXT);
  });

  it("UTF-16LE without a BOM is recognised only under a UTF-8 label, by its zero bytes", async () => {
    const bytes = Buffer.from("ab", "utf16le");
    expect(await (await exportOf(bytes, { "Content-Type": "text/csv" })).text()).toBe("ab");
    // Zero bytes in a declared single-byte charset are that charset's.
    expect(await (await exportOf(bytes, { "Content-Type": "text/csv;charset=iso-8859-1" })).text()).toBe("a\0b\0");
    // One zero byte is not enough: "a\0bc" is UTF-8 text with a NUL in it.
    expect(await (await exportOf(Buffer.from("a\0bc"), { "Content-Type": "text/csv" })).text()).toBe("a\0bc");
  });

  it("an unsupported charset is an InvalidArgumentError naming it", async () => {
    const exported = await exportOf(Buffer.from(TEXT), { "Content-Type": "text/csv;charset=x-klingon" });
    expect(exported.charset).toBe("x-klingon");
    const error = await failure(exported.text());
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe('The charset "x-klingon" is not supported here.');
  });

  it("an unsupported charset is not a reason to send the request again", async () => {
    const { client, requests } = stubClient(
      () => new Response(TEXT, { headers: { "Content-Type": "text/csv;charset=x-utf-16" } }),
    );
    const exported = await client.exportReportRun(RUN_ID);
    expect(exported.charset).toBe("x-utf-16");
    expect(await failure(exported.text())).toBeInstanceOf(InvalidArgumentError);
    expect(requests).toHaveLength(1);
  });

  it.each([
    ["application/octet-stream", "binary"],
    ["application/zip", "binary"],
    ["application/vnd.ms-excel", "spreadsheet"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet"],
    ["text/tab-separated-values", "text"],
    ["application/csv", "text"],
    ["text/plain", "text"],
  ])("%s is a %s file", async (contentType, kind) => {
    const exported = await exportOf(Buffer.from("PK\u0003\u0004"), { "Content-Type": contentType });
    expect(exported.kind).toBe(kind);
  });

  it("without a Content-Type the file is taken for UTF-8 CSV", async () => {
    const exported = await exportOf(null);
    expect(exported).toMatchObject({ contentType: "text/csv", kind: "text", charset: "utf-8" });
    expect(exported.requestId).toBeUndefined();
    expect(await exported.text()).toBe("");
    const again = await exportOf(new Blob([Buffer.from(TEXT)]));
    expect(again.contentType).toBe("text/csv");
    expect(await again.rows()).toEqual([
      ["Name", "Amount"],
      ["Étienne", "€ 12"],
    ]);
  });

  it.each([
    ["the first line decides the separator: commas", "a,b\nc\td\n", [["a", "b"], ["c\td"]]],
    [
      "the first line decides the separator: tabs",
      "a;b;c\td\n1;2;3\t4\n",
      [
        ["a;b;c", "d"],
        ["1;2;3", "4"],
      ],
    ],
    [
      "commas, even where semicolons are more",
      "a;b;c,d\n1;2;3,4\n",
      [
        ["a;b;c", "d"],
        ["1;2;3", "4"],
      ],
    ],
    ["a CRLF first line", "a,b\r\nc\td\r\n", [["a", "b"], ["c\td"]]],
    ["one line without a line break, its tab last", "a,b\t", [["a,b", ""]]],
  ])("rows: %s", async (_name, text, rows) => {
    const exported = await exportOf(Buffer.from(text), { "Content-Type": "text/csv" });
    expect(await exported.rows()).toEqual(rows);
  });

  it("a single-column file (no tab, no comma) is one field per row", async () => {
    const exported = await exportOf(Buffer.from("Name\r\nA;B\r\n"), { "Content-Type": "text/csv" });
    expect(await exported.rows()).toEqual([["Name"], ["A;B"]]);
  });
});

describe("reading within the deadline", () => {
  it("text() must finish within timeoutMs in all, however steadily the chunks come", async () => {
    fakeClock();
    const source = feed();
    const { client } = stubClient(() => new Response(source.body, { headers: { "Content-Type": "text/csv" } }), {
      timeoutMs: 1000,
      maxRetries: 0,
    });
    const exported = await client.exportReportRun(RUN_ID);
    source.push("a\t");
    const reading = failure(exported.text());
    await vi.advanceTimersByTimeAsync(600);
    source.push("b\n");
    // Each chunk came within 1 s of the one before, but 1 s has passed since the read began.
    await vi.advanceTimersByTimeAsync(399);
    expect(await isSettled(reading)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await reading;
    expect(error).toBeInstanceOf(TimeoutError);
    // (A stub fetch's Response has no url: a real one names it after "GET".)
    expect(error.message).toMatch(/^Reading the export timed out after 1000 ms: GET/);
    // The stalled body is released, and no timer is left.
    expect(source.cancelled).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a body that ends within the deadline is read whole", async () => {
    fakeClock();
    const source = feed();
    const { client } = stubClient(() => new Response(source.body, { headers: { "Content-Type": "text/csv" } }), {
      timeoutMs: 1000,
    });
    const exported = await client.exportReportRun(RUN_ID);
    const reading = exported.text();
    for (const part of ["a", "\t", "b", "\n"]) {
      await vi.advanceTimersByTimeAsync(200);
      source.push(part);
    }
    source.end();
    expect(await reading).toBe("a\tb\n");
    expect(source.cancelled).toEqual([]);
  });
});

describe("streaming body", () => {
  it("a chunk is asked for only when the caller reads: a caller that pauses does not time out", async () => {
    fakeClock();
    const source = feed();
    const { client } = stubClient(() => new Response(source.body, { headers: { "Content-Type": "text/csv" } }), {
      timeoutMs: 1000,
      maxRetries: 0,
    });
    const exported = await client.exportReportRun(RUN_ID);
    const reader = exported.body.getReader();
    source.push("a\t");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("a\t");
    // The caller works on the first chunk for 5 s; the server sends the next one only then.
    await vi.advanceTimersByTimeAsync(5000);
    source.push("b\n");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("b\n");
    source.end();
    expect((await reader.read()).done).toBe(true);
  });

  it("an abort while text() waits is an AbortError even with no retry left", async () => {
    const { client, server } = await faultClient((_req, res) => stall(res, "a\tb\n", "text/csv"), { maxRetries: 0 });
    const controller = new AbortController();
    const exported = await client.exportReportRun(RUN_ID, {}, { signal: controller.signal });
    const reading = failure(exported.text());
    await server.handled(1);
    controller.abort();
    expect(await reading).toBeInstanceOf(AbortError);
  });
});

describe("byte-order marks are whole marks", () => {
  it.each([
    ["a\u00fe", [0x61, 0xfe]],
    ["\u00ffa", [0xff, 0x61]],
    ["a\u00ff", [0x61, 0xff]],
    ["\u00fea", [0xfe, 0x61]],
    ["\u00ef\u00bbx", [0xef, 0xbb, 0x78]],
    ["\u00efa\u00bf", [0xef, 0x61, 0xbf]],
    ["a\u00bb\u00bf", [0x61, 0xbb, 0xbf]],
    ["ab\u00bf", [0x61, 0x62, 0xbf]],
    ["\u00efab", [0xef, 0x61, 0x62]],
  ])("Latin-1 %j starting with part of a BOM is Latin-1", async (text, bytes) => {
    const exported = await exportOf(new Uint8Array(bytes), { "Content-Type": "text/csv;charset=iso-8859-1" });
    expect(await exported.text()).toBe(text);
  });

  it("UTF-8 with a zero fourth byte only is not UTF-16LE", async () => {
    expect(await (await exportOf(Buffer.from("abc\0"), { "Content-Type": "text/csv" })).text()).toBe("abc\0");
  });
});

describe("releasing the body", () => {
  it("cancelling body before reading it cancels the response's stream", async () => {
    const source = feed();
    const { client } = stubClient(() => new Response(source.body, { headers: { "Content-Type": "text/csv" } }));
    const exported = await client.exportReportRun(RUN_ID);
    await exported.body.cancel("not needed");
    expect(source.cancelled).toEqual(["not needed"]);
  });

  it("cancelling the body of an empty answer is harmless", async () => {
    const exported = await exportOf(null);
    await expect(exported.body.cancel("x")).resolves.toBeUndefined();
  });

  it("an abort once the export streams leaves no listener on the signal", async () => {
    const source = feed();
    const controller = new AbortController();
    const { client } = stubClient(() => new Response(source.body, { headers: { "Content-Type": "text/csv" } }));
    await client.exportReportRun(RUN_ID, {}, { signal: controller.signal });
    controller.abort();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("cancelling body cancels the response's stream, with the caller's reason", async () => {
    const source = feed();
    const { client } = stubClient(() => new Response(source.body, { headers: { "Content-Type": "text/csv" } }));
    const exported = await client.exportReportRun(RUN_ID);
    const reader = exported.body.getReader();
    source.push("a\tb\n");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("a\tb\n");
    await reader.cancel("enough");
    expect(source.cancelled).toEqual(["enough"]);
  });

  it("an abort while text() waits for the body rejects with AbortError", async () => {
    const { client, server } = await faultClient((_req, res) => stall(res, "a\tb\n", "text/csv"));
    const controller = new AbortController();
    const exported = await client.exportReportRun(RUN_ID, {}, { signal: controller.signal });
    const reading = failure(exported.text());
    await server.handled(1);
    controller.abort();
    expect(await reading).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });
});
