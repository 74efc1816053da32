// What an error tells the caller beyond its message: Zuora's errorId and the echoed Zuora-Track-Id, and for a
// connection that failed, the socket's reason in the message and the original error as its cause.

import { createServer } from "node:net";
import { seedRun } from "@zuora-reports/conformance";
import { json } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { BadRequestError, ConnectionError, createReportingClient, type ZuoraError } from "../src/index.js";
import { failure, faultClient } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID } = seedRun();

/** A port nothing listens on: one the system just handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("what a failed answer carries", () => {
  it("Zuora's errorId, the request and track ids, and the code", async () => {
    const { client } = await faultClient(
      (_req, res) =>
        json(
          res,
          400,
          { message: "Report not found.", errorCode: "ZAN-USAGE-REST-ERROR", errorId: "c8f6a1b2-err" },
          { "Zuora-Request-Id": "req-7", "Zuora-Track-Id": "nightly-42" },
        ),
      { trackId: "nightly-42" },
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      errorCode: "ZAN-USAGE-REST-ERROR",
      errorId: "c8f6a1b2-err",
      requestId: "req-7",
      trackId: "nightly-42",
    });
    expect(error.message).toBe("400 ZAN-USAGE-REST-ERROR: Report not found.");
    // The details are enumerable (they show when the error is logged); the body is not.
    expect(Object.keys(error)).toEqual(expect.arrayContaining(["status", "errorCode", "errorId", "trackId"]));
  });

  it("the errorId inside Zuora's JSON-string envelope", async () => {
    const { client } = stubClient(() =>
      jsonResponse(400, {
        success: false,
        response: JSON.stringify({ message: "Bad filter.", errorCode: "ZAN-1", errorId: "id-in-envelope" }),
      }),
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toMatchObject({ errorId: "id-in-envelope", errorCode: "ZAN-1" });
    expect(error.message).toBe("400 ZAN-1: Bad filter.");
  });

  it("no errorId, trackId or requestId when the answer has none", async () => {
    const { client } = stubClient(() => jsonResponse(404, { message: "Not here." }));
    const error = await failure(client.getReportRun(RUN_ID));
    for (const key of ["errorId", "trackId", "requestId", "errorCode", "retryAfterSeconds", "rateLimit"] as const) {
      expect(error[key], key).toBeUndefined();
      expect(Object.keys(error)).not.toContain(key);
    }
    expect(error.message).toBe("404: Not here.");
  });
});

describe("a connection that failed", () => {
  it("names the socket's reason (ECONNREFUSED) and keeps fetch's error as its cause", async () => {
    const port = await closedPort();
    const client = createReportingClient({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      auth: { token: "tok-123" },
      maxRetries: 0,
    });
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      `Connection error: GET http://127.0.0.1:${port}/v1/reportruns/${RUN_ID} failed (ECONNREFUSED).`,
    );
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  it.each<[string, unknown, string]>([
    ["a cause's code", Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } }), " (ENOTFOUND)"],
    [
      "a cause's message, without a code",
      Object.assign(new TypeError("fetch failed"), { cause: new Error("socket hang up") }),
      " (socket hang up)",
    ],
    ["the error's own message, without a cause", new Error("other side closed"), " (other side closed)"],
    ["nothing, for an error without a message", new Error(""), ""],
    ["nothing, for a non-string code", Object.assign(new Error(""), { cause: { code: 42 } }), ""],
    ["nothing, for a thrown string", "boom", ""],
    ["nothing, for a thrown undefined", undefined, ""],
  ])("gives %s as the reason", async (_name, thrown, reason) => {
    const { client } = stubClient(
      () => {
        throw thrown;
      },
      { maxRetries: 0 },
    );
    const error: ZuoraError = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`Connection error: GET https://zuora.test/v1/reportruns/${RUN_ID} failed${reason}.`);
    expect(error.cause).toBe(thrown);
  });

  it("a body that breaks off names its reason too", async () => {
    const { client } = stubClient(
      () =>
        new Response(
          new ReadableStream({
            pull: (controller) =>
              controller.error(Object.assign(new TypeError("terminated"), { cause: { code: "ECONNRESET" } })),
          }),
          { headers: { "Content-Type": "text/csv" } },
        ),
      { maxRetries: 0 },
    );
    const exported = await client.exportReportRun(RUN_ID);
    const error = await failure(exported.text());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/^Connection error: GET .* broke off \(ECONNRESET\)\.$/);
    expect((error.cause as Error).message).toBe("terminated");
  });
});
