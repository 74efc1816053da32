import { describe, expect, it } from "vitest";
import { charsetOf, decodeText } from "../src/export.js";
import { createReportingClient, InvalidArgumentError } from "../src/index.js";
import { faultServer, RUN_ID } from "./support/fault-server.js";

const CSV =
  'Account: Name\tAccount: Currency\tInvoice: Amount\nEast Inc\tEUR\t-120.2\n"North, Services"\tUSD\t"1,430.50"\n';
const utf16le = (text: string, bom = true) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);

async function exportFrom(body: Buffer, contentType: string) {
  const server = await faultServer((_req, res) => {
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
});
