// A client against a fault server, the fake clock, and a helper for expected rejections: shared by the fault tests.

import { type FaultHandler, startFaultServer } from "@zuora-reports/mock/testing";
import { afterEach, expect, vi } from "vitest";
import {
  createReportingClient,
  type ReportingClientOptions,
  type RetryInfo,
  type ZuoraError,
} from "../../src/index.js";
import { events } from "./events.js";

/**
 * A client on a fault server answering with `handler` (retries 1-5 ms apart unless `options` say otherwise), and
 * the onRetry calls it makes, to be awaited.
 */
export async function faultClient(handler: FaultHandler, options: Partial<ReportingClientOptions> = {}, basePath = "") {
  const server = await startFaultServer(handler);
  const retried = events<RetryInfo>();
  const client = createReportingClient({
    baseUrl: `${server.url}${basePath}`,
    auth: { token: "tok-123" },
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    onRetry: retried.push,
    ...options,
  } as ReportingClientOptions);
  return { server, client, retried, retries: retried.seen };
}

/**
 * Runs timers and Date on vitest's fake clock for the rest of the test. Tests move it on only once the event it is
 * about has happened (the server saw the request, onRetry was called), so load cannot make a timeout early or late.
 */
export const fakeClock = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
afterEach(() => {
  vi.useRealTimers();
});

/** The error `promise` rejects with; fails the test if it resolves. */
export const failure = (promise: Promise<unknown>): Promise<ZuoraError> =>
  promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error as ZuoraError,
  );
