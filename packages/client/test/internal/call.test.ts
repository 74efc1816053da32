// The signal each call hands openapi-fetch: a controller is reused only while its signal never fired, so a call after
// a timed-out one is sent with a live signal.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { RequestTimeoutError } from "../../src/index.js";
import { failure } from "../support/client.js";
import { jsonResponse, stubClient } from "../support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

describe("the signal of each call", () => {
  it("after a call that timed out, the next first attempt carries a signal that has not fired", async () => {
    const aborted: boolean[] = [];
    const { client } = stubClient(
      (request, i) => {
        aborted.push(request.signal.aborted);
        if (i > 0) {
          return jsonResponse(200, ok(run("COMPLETED")));
        }
        // The first answer never comes: the attempt's timeout aborts it.
        return new Promise((_resolve, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }),
        );
      },
      { maxRetries: 0, timeoutMs: 5 },
    );
    expect(await failure(client.getReportRun(RUN_ID))).toBeInstanceOf(RequestTimeoutError);
    for (let i = 0; i < 3; i++) {
      expect((await client.getReportRun(RUN_ID)).status).toBe("COMPLETED");
    }
    expect(aborted).toEqual([false, false, false, false]);
  });
});
