import { seedRun } from "@zuora-reports/conformance";
import { type FaultHandler, json, stall, startFaultServer } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import {
  ConnectionError,
  createReportingClient,
  decodeText as decode,
  InternalServerError,
  InvalidArgumentError,
  type ReportingClientOptions,
  TimeoutError,
  ZuoraError,
} from "../src/index.js";
import { charsetOf, kindOf } from "../src/internal/export.js";

/** The text of `bytes` announced in `charset`, through the public decoder (a BOM wins, as in `text()`). */
const decodeText = (bytes: Uint8Array, charset: string): string => decode(bytes, `;charset=${charset}`).text;

import { failure, fakeClock, faultClient } from "./support/client.js";

const { reportRunId: RUN_ID } = seedRun();

const CSV =
  'Account: Name\tAccount: Currency\tInvoice: Amount\nEast Inc\tEUR\t-120.2\n"North, Services"\tUSD\t"1,430.50"\n';
const utf16le = (text: string, bom = true) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);

async function exportFrom(body: Buffer, contentType: string) {
  const server = await startFaultServer((_req, res) => {
    res.writeHead(200, { "Content-Type": contentType, "Zuora-Request-Id": "req-9" });
    res.end(body);
  });
  const client = createReportingClient({ baseUrl: server.url, auth: { token: "tok-123" } });
  return { server, exported: await client.exportReportRun(RUN_ID, { pivoted: true }) };
}

describe("exportReportRun", () => {
  it("decodes Zuora's UTF-16LE with BOM and tab separators", async () => {
    const { server, exported } = await exportFrom(utf16le(CSV), "text/csv;charset=utf-16");
    expect(exported.charset).toBe("utf-16le");
    expect(exported.requestId).toBe("req-9");
    expect(await exported.text()).toBe(CSV);
    expect(server.requests[0]?.url).toBe(`/reportruns/export/${RUN_ID}?pivoted=true`);
  });

  it("parses the rows, quotes included", async () => {
    const { exported } = await exportFrom(utf16le(CSV), "text/csv;charset=utf-16");
    expect(await exported.rows()).toEqual([
      ["Account: Name", "Account: Currency", "Invoice: Amount"],
      ["East Inc", "EUR", "-120.2"],
      ["North, Services", "USD", "1,430.50"],
    ]);
  });

  it("parses comma-separated UTF-8 too", async () => {
    const { exported } = await exportFrom(Buffer.from('a,b\n1,"x,y"\n'), "text/csv");
    expect(await exported.rows()).toEqual([
      ["a", "b"],
      ["1", "x,y"],
    ]);
  });

  it("recognises UTF-16LE without BOM or charset", async () => {
    const { exported } = await exportFrom(utf16le(CSV, false), "text/csv");
    expect(await exported.text()).toBe(CSV);
  });

  it("streams the raw bytes through body", async () => {
    const bytes = utf16le(CSV);
    const { exported } = await exportFrom(bytes, "text/csv;charset=utf-16");
    const received = Buffer.from(await new Response(exported.body).arrayBuffer());
    expect(received.equals(bytes)).toBe(true);
  });

  it("can be read once only", async () => {
    const { exported } = await exportFrom(Buffer.from("a\tb\n"), "text/csv");
    await exported.text();
    await expect(exported.rows()).rejects.toThrow(InvalidArgumentError);
    expect(() => exported.body).toThrow(/already read/);
  });
});

describe("charsets", () => {
  it.each([
    ["text/csv;charset=utf-16", "utf-16le"],
    ['text/csv; charset="UTF-16LE"', "utf-16le"],
    ["text/csv;charset=UTF-8", "utf-8"],
    ["text/csv", "utf-8"],
  ])("%s → %s", (contentType, charset) => {
    expect(charsetOf(contentType)).toBe(charset);
  });

  it("a BOM wins over the announced charset", () => {
    expect(decodeText(new Uint8Array(utf16le("é\tü")), "utf-8")).toBe("é\tü");
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), "utf-16le")).toBe("A");
  });

  it("without a BOM, the announced charset decodes", () => {
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), "windows-1252")).toBe("café");
  });
});

/** A client with 1 s timeouts, retrying 1 ms apart. */
const exporting = (handler: FaultHandler, options: Partial<ReportingClientOptions> = {}) =>
  faultClient(handler, { timeoutMs: 1000, retryMaxDelayMs: 1, ...options });

const half = utf16le(CSV).subarray(0, 40);

describe("an export body that stalls or breaks off", () => {
  it("text() times out when the body stalls midway (the timeout bounds the read, not just the headers)", async () => {
    fakeClock();
    const { server, client } = await exporting((_req, res) => stall(res, half, "text/csv;charset=utf-16"), {
      maxRetries: 0,
    });
    const exported = await client.exportReportRun(RUN_ID);
    const pending = failure(exported.text());
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/^Reading the export timed out after 1000 ms: GET http:/);
  });

  it("body times out between chunks, and is not retried once a chunk reached the caller", async () => {
    fakeClock();
    const { server, client } = await exporting((_req, res) => stall(res, half, "text/csv;charset=utf-16"));
    const reader = (await client.exportReportRun(RUN_ID)).body.getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array(half));
    const pending = failure(reader.read());
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("a connection dropped midway is a ConnectionError", async () => {
    const { client } = await exporting(
      (_req, res) => {
        // Closed once the first bytes are on their way: the client gets the headers, then the body breaks off.
        res.writeHead(200, { "Content-Type": "text/csv;charset=utf-16" });
        res.write(half, () => res.socket?.destroy());
      },
      { maxRetries: 0 },
    );
    const exported = await client.exportReportRun(RUN_ID);
    const error = await failure(exported.rows());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(
      /^Connection error: GET http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/reportruns\/export\/\S+ broke off/,
    );
  });

  it("text() is retried when the body breaks off, since nothing reached the caller yet", async () => {
    const { server, client, retried } = await exporting((_req, res, i) => {
      if (i === 0) {
        // Closed once the first bytes are on their way: the client gets the headers, then the body breaks off.
        res.writeHead(200, { "Content-Type": "text/csv;charset=utf-16" });
        res.write(half, () => res.socket?.destroy());
      } else {
        res.writeHead(200, { "Content-Type": "text/csv;charset=utf-16" });
        res.end(utf16le(CSV));
      }
    });
    expect(await (await client.exportReportRun(RUN_ID)).text()).toBe(CSV);
    expect(retried.seen).toMatchObject([{ retry: 1, error: expect.any(ConnectionError) }]);
    expect(server.requests).toHaveLength(2);
  });

  it("body is retried when the first chunk does not come, and then streams the retry's bytes", async () => {
    fakeClock();
    const { server, client, retried } = await exporting((_req, res, i) => {
      if (i === 0) {
        stall(res, "", "text/csv");
      } else {
        res.writeHead(200, { "Content-Type": "text/csv" });
        res.end("a,b\n1,2\n");
      }
    });
    const exported = await client.exportReportRun(RUN_ID);
    const pending = new Response(exported.body).text();
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(1000);
    await retried.reached(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toBe("a,b\n1,2\n");
    expect(retried.seen[0]?.error).toBeInstanceOf(TimeoutError);
  });

  it("an error answer whose body stalls times out too", async () => {
    fakeClock();
    const { server, client } = await exporting(
      (_req, res) => {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.write('{"message": ');
      },
      { maxRetries: 0 },
    );
    const pending = failure(client.exportReportRun(RUN_ID));
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toBeInstanceOf(TimeoutError);
  });

  it("an error answer is retried, then typed", async () => {
    const { server, client } = await exporting((_req, res) => json(res, 503, { message: "Service Unavailable" }));
    expect(await failure(client.exportReportRun(RUN_ID))).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(3);
  });
});

describe("an export answered with something other than a file", () => {
  it("Zuora's success: false envelope with a 200 is a ZuoraError, not the report", async () => {
    const { client } = await exporting((_req, res) =>
      json(res, 200, {
        success: false,
        response: JSON.stringify({
          message: "There are errors when exporting the report.",
          errorCode: "ZAN-USAGE-REST-ERROR",
        }),
      }),
    );
    const error = await failure(client.exportReportRun(RUN_ID));
    expect(error).toBeInstanceOf(ZuoraError);
    expect(error).toMatchObject({ status: 200, errorCode: "ZAN-USAGE-REST-ERROR" });
    expect(error.message).toBe("200 ZAN-USAGE-REST-ERROR: There are errors when exporting the report.");
  });

  it("an HTML page with a 200 is a ZuoraError with its title", async () => {
    const { client } = await exporting((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html><head><title>Sign in</title></head><body>…</body></html>");
    });
    expect((await failure(client.exportReportRun(RUN_ID))).message).toBe("200: Sign in");
  });

  it("JSON that says nothing is a ZuoraError naming the content type", async () => {
    const { client } = await exporting((_req, res) => json(res, 200, { success: true, response: {} }));
    expect((await failure(client.exportReportRun(RUN_ID))).message).toBe(
      "200: the export answered application/json instead of a file",
    );
  });
});

describe("a spreadsheet export", () => {
  const XLS = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0xff, 0xfe]);

  it("streams its bytes untouched; text() and rows() refuse it and leave body readable", async () => {
    const { exported } = await exportFrom(XLS, "application/vnd.ms-excel");
    expect(exported.kind).toBe("spreadsheet");
    await expect(exported.text()).rejects.toThrow(
      "The export is application/vnd.ms-excel, not text: read its bytes from body.",
    );
    await expect(exported.rows()).rejects.toBeInstanceOf(ZuoraError);
    expect(Buffer.from(await new Response(exported.body).arrayBuffer()).equals(XLS)).toBe(true);
  });

  it.each([
    ["text/csv;charset=utf-16", "text"],
    ["text/tab-separated-values", "text"],
    ["", "text"],
    ["application/vnd.ms-excel", "spreadsheet"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet"],
    ["application/octet-stream", "binary"],
    ["application/json;charset=utf-8", "document"],
    ["text/html", "document"],
    ["application/xml", "document"],
  ])("the content type %j is %s", (contentType, kind) => {
    expect(kindOf(contentType)).toBe(kind);
  });
});
