// A client whose `fetch` is a function of the test's (no sockets): for tests that count timers on the fake clock,
// watch a body stream being cancelled, or need a fetch that throws what a real one may throw.
import {
  createReportingClient,
  type ReportingClient,
  type ReportingClientOptions,
  type RetryInfo,
} from "../../src/index.js";

export type Answer = (request: Request, index: number) => Response | Promise<Response>;

export interface Stubbed {
  client: ReportingClient;
  /** Every request `fetch` was called with, in order. */
  requests: Request[];
  /** Every onRetry call, in order. */
  retries: RetryInfo[];
}

/** A client on `answer` (base URL https://zuora.test/v1, token auth, retries 1-5 ms apart unless `options` say otherwise). */
export function stubClient(answer: Answer, options: Partial<ReportingClientOptions> = {}): Stubbed {
  const requests: Request[] = [];
  const retries: RetryInfo[] = [];
  const client = createReportingClient({
    baseUrl: "https://zuora.test/v1",
    auth: { token: "tok-123" },
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    onRetry: (info) => retries.push(info),
    fetch: async (request) => {
      requests.push(request);
      return answer(request, requests.length - 1);
    },
    ...options,
  } as ReportingClientOptions);
  return { client, requests, retries };
}

/** A JSON response. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/** Whether `promise` has settled once pending callbacks ran (a few turns of the event loop; no timer is moved). */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let i = 0; i < 10 && !settled; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return settled;
}

/** A body stream the test feeds chunk by chunk, recording whether (and why) the reader cancelled it. */
export function feed() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const cancelled: unknown[] = [];
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: (reason) => {
      cancelled.push(reason);
    },
  });
  return {
    body,
    cancelled,
    push: (bytes: Uint8Array | string) =>
      controller.enqueue(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes),
    end: () => controller.close(),
    error: (reason: unknown) => controller.error(reason),
  };
}
