// A 504 on Export Report Run: Zuora's export fails for files over about 25 MB. One retry at most, then an
// ExportTooLargeError that says to page through the rows instead. Other methods and statuses keep their retries.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { ExportTooLargeError, InternalServerError, ZuoraApiError } from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const gatewayTimeout = () =>
  new Response("<html><title>504 Gateway Time-out</title></html>", {
    status: 504,
    headers: { "Content-Type": "text/html", "Zuora-Request-Id": "req-504" },
  });

describe("a 504 on Export Report Run", () => {
  it("is retried once, then is an ExportTooLargeError saying to page with Get Report Data", async () => {
    const { client, requests, retries } = stubClient(gatewayTimeout);
    const error = await failure(client.exportReportRun(RUN_ID));
    expect(requests).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(error).toBeInstanceOf(ExportTooLargeError);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(ZuoraApiError);
    expect(error.name).toBe("ExportTooLargeError");
    expect(error.message).toBe(
      "504: 504 Gateway Time-out: the export is probably too large for Zuora's export (about 25 MB); page through the rows with Get Report Data (reportRows or getReportData) instead.",
    );
    expect(error).toMatchObject({ status: 504, requestId: "req-504" });
    expect(error.body).toContain("Gateway Time-out");
    expect((error as ExportTooLargeError).headers?.get("Content-Type")).toBe("text/html");
    expect(error.cause).toBeInstanceOf(InternalServerError);
  });

  it("after a 503 the 504 is not retried again (one retry in all)", async () => {
    const { client, requests } = stubClient((_request, i) =>
      i === 0 ? jsonResponse(503, { message: "busy" }) : gatewayTimeout(),
    );
    expect(await failure(client.exportReportRun(RUN_ID))).toBeInstanceOf(ExportTooLargeError);
    expect(requests).toHaveLength(2);
  });

  it("a 504 that a retry cures is the file", async () => {
    const { client } = stubClient((_request, i) =>
      i === 0 ? gatewayTimeout() : new Response("a\tb\n", { headers: { "Content-Type": "text/csv" } }),
    );
    expect(await (await client.exportReportRun(RUN_ID)).text()).toBe("a\tb\n");
  });

  it("with maxRetries 0 it is not retried", async () => {
    const { client, requests } = stubClient(gatewayTimeout, { maxRetries: 0 });
    expect(await failure(client.exportReportRun(RUN_ID))).toBeInstanceOf(ExportTooLargeError);
    expect(requests).toHaveLength(1);
  });
});

describe("elsewhere a 504 is what it was", () => {
  it("Get Report Run: retried maxRetries times, an InternalServerError", async () => {
    const { client, requests } = stubClient(gatewayTimeout);
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).not.toBeInstanceOf(ExportTooLargeError);
    expect(requests).toHaveLength(3);
  });

  it("other 5xx on an export keep every retry and their class", async () => {
    const { client, requests } = stubClient(() => jsonResponse(502, { message: "bad gateway" }));
    const error = await failure(client.exportReportRun(RUN_ID));
    expect(error).not.toBeInstanceOf(ExportTooLargeError);
    expect(error.message).toBe("502: bad gateway");
    expect(requests).toHaveLength(3);
  });

  it("a 200 still reads as a run", async () => {
    const { client } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))));
    expect((await client.getReportRun(RUN_ID)).status).toBe("COMPLETED");
  });
});
