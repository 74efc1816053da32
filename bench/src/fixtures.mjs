// @ts-check
// The one response every contender parses: Zuora's published GET report-run example, with its headers.
import { seedRun } from "@zuora-reports/conformance";

/** Zuora's published run (the spec's `completed` example of Get Report Run). */
const SEED = seedRun();

/** Zuora's published report-run id; matches the spec's `^[A-Za-z0-9_-]+$`. */
export const RUN_ID = SEED.reportRunId;

/** The report of Zuora's published run. */
export const REPORT_ID = SEED.reportId;

/** Base path of the production server, so URL building is realistic (a path, not just an origin). */
export const BASE_PATH = "/reporting/api/rest/v1";

/** A bearer token; the value is irrelevant to every server used here. */
export const TOKEN = "bench-token";

/**
 * A report run in a given state, as GET /reportruns/{id} returns it.
 * @param {string} id
 * @param {string} [status]
 */
export function reportRunBody(id, status = "COMPLETED") {
  return JSON.stringify({
    success: true,
    response: { ...SEED.run, id, status },
  });
}

/** Success headers as Zuora sends them (content type, rate limit, request and track ids). */
export const RESPONSE_HEADERS = Object.freeze({
  "content-type": "application/json;charset=utf-8",
  "ratelimit-limit": "50000",
  "ratelimit-remaining": "49999",
  "ratelimit-reset": "60",
  "zuora-request-id": "2a7a2b1e-6f55-4c36-9f0e-2d7f3b8e1c11",
  "zuora-track-id": "bench",
});
