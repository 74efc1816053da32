// A local upstream that answers with the shapes Zuora's *other* sources document: the API under
// /reporting/api/rest/v1, `reportID`, lower-case statuses and report types, ISO timestamps with a colon-less offset,
// a comma-separated UTF-8 export. Runs progress by polls (not by time), so tests never wait on a clock.
import type { IncomingMessage, ServerResponse } from "node:http";
import { startLocalServer } from "@zuora-reports/mock/testing";

export interface UpstreamOptions {
  /** Where the API answers (default `/reporting/api/rest/v1`); `""` for the host's root. */
  basePath?: string;
  /** Polls answered `started`, then `processingdata`, before `completed` (default 2). */
  pollsBeforeDone?: number;
  /** `0`: offsets count rows from 0, so offset=1 skips the first row; `1` (default): offset 1 is the first row. */
  offsetBase?: 0 | 1;
  /** The report's type, as this upstream spells it (default `summary`). */
  reportType?: string;
  /** The status the run ends with, as this upstream spells it (default `completed`). */
  finalStatus?: string;
  /** The status of every poll before the run ends (default `started`, then `processingdata`). */
  pendingStatus?: string;
  /** Answer with Zuora's envelope `{ success, response }` (default true). */
  envelope?: boolean;
  /** Called with each request (method and path with query) before it is answered. */
  onRequest?: (request: string) => void;
}

export interface Upstream {
  url: string;
  /** Every request seen: method and path with query. */
  readonly requests: string[];
  close(): Promise<void>;
}

export const UPSTREAM_TOKEN = "upstream-access-token-7f3a9c2e";
export const UPSTREAM_RUN_ID = "2c92c0f96abc0123456789abcdef0001";
export const UPSTREAM_REPORT_ID = "2c92c0f96abc0123456789abcdef0a0a";
/** Row values a recording must never keep. */
export const UPSTREAM_ROWS = [
  { "Account.Name": "Acme Holdings Ltd", "Account.AccountNumber": "A00012345", "Invoice.Amount": "1,729.76" },
  { "Account.Name": "Globex Corporation", "Account.AccountNumber": "A00067890", "Invoice.Amount": "984.00" },
  { "Account.Name": "Initech LLC", "Account.AccountNumber": "A00054321", "Invoice.Amount": "400.00" },
];
export const UPSTREAM_CREATOR = "jane.doe@tenant-example.com";

const ISO_STARTED = "2018-04-13T02:11:38.464+0000";
const ISO_UPDATED = "2018-04-13T02:11:40.008+0000";

/** Starts the upstream on a free loopback port. */
export async function startDriftingUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const basePath = options.basePath ?? "/reporting/api/rest/v1";
  const pollsBeforeDone = options.pollsBeforeDone ?? 2;
  const offsetBase = options.offsetBase ?? 1;
  const reportType = options.reportType ?? "summary";
  const envelope = options.envelope ?? true;
  const finalStatus = options.finalStatus ?? "completed";
  const requests: string[] = [];
  let polls = 0;
  let requestCount = 0;

  const send = (res: ServerResponse, status: number, body: string | Buffer, contentType: string) => {
    requestCount += 1;
    res.writeHead(status, {
      "Content-Type": contentType,
      "RateLimit-Limit": "50000",
      "RateLimit-Remaining": String(50_000 - requestCount),
      "RateLimit-Reset": "42",
      "Zuora-Request-Id": `5e0b2a0a-8d1c-4b53-9a2e-${String(requestCount).padStart(12, "0")}`,
      "Set-Cookie": "ZSession=upstream-session-cookie-value; Path=/",
    });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, body: unknown) =>
    send(res, status, JSON.stringify(body), "application/json;charset=utf-8");
  const wrap = (response: unknown) => (envelope ? { success: true, response } : response);

  const run = (status: string) => ({
    reportType,
    id: UPSTREAM_RUN_ID,
    reportID: UPSTREAM_REPORT_ID,
    startedOn: ISO_STARTED,
    status,
    reportDefinition: JSON.stringify({ name: "Invoices by account", creator: UPSTREAM_CREATOR, viewType: reportType }),
    updatedOn: ISO_UPDATED,
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://upstream.invalid");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    options.onRequest?.(`${req.method} ${url.pathname}${url.search}`);
    if (req.method === "POST" && url.pathname === "/oauth/token") {
      json(res, 200, {
        access_token: UPSTREAM_TOKEN,
        token_type: "bearer",
        expires_in: 3599,
        scope: "user.7c4d entity.1a2b tenant.98765",
        jti: "jti-4d1e2f3a",
      });
      return;
    }
    if (!url.pathname.startsWith(`${basePath}/`)) {
      send(res, 404, "<html><body><h1>404 Not Found</h1></body></html>", "text/html");
      return;
    }
    if (req.headers.authorization !== `Bearer ${UPSTREAM_TOKEN}`) {
      json(res, 401, { message: "Authentication error" });
      return;
    }
    const path = url.pathname.slice(basePath.length);
    if (req.method === "GET" && path === `/reports/${UPSTREAM_REPORT_ID}/reportruns/latest`) {
      json(res, 200, wrap(run("completed")));
    } else if (req.method === "POST" && path === `/reports/${UPSTREAM_REPORT_ID}/reportrun`) {
      json(res, 200, wrap({ reportRunId: UPSTREAM_RUN_ID }));
    } else if (req.method === "GET" && path === `/reportruns/${UPSTREAM_RUN_ID}`) {
      polls += 1;
      const pending = options.pendingStatus ?? (polls === 1 ? "started" : "processingdata");
      json(res, 200, wrap(run(polls > pollsBeforeDone ? finalStatus : pending)));
    } else if (req.method === "GET" && path === `/reportruns/reportdata/${UPSTREAM_RUN_ID}`) {
      const offset = Number(url.searchParams.get("offset"));
      const pageSize = Number(url.searchParams.get("pageSize"));
      const start = Math.max(0, offset - offsetBase);
      const page = UPSTREAM_ROWS.slice(start, start + pageSize);
      json(res, 200, wrap({ page, size: pageSize, offset, total: UPSTREAM_ROWS.length }));
    } else if (req.method === "GET" && path === `/reportruns/export/${UPSTREAM_RUN_ID}`) {
      const pivoted = url.searchParams.get("pivoted") === "true";
      const header = pivoted ? "Account: Name,USD,EUR" : "Account: Name,Account: Account Number,Invoice: Amount";
      const lines = UPSTREAM_ROWS.map((row) =>
        Object.values(row)
          .map((value) => (value.includes(",") ? `"${value}"` : value))
          .join(","),
      );
      send(res, 200, `${[header, ...lines].join("\n")}\n`, "text/csv; charset=UTF-8");
    } else {
      json(res, 400, {
        success: false,
        response: JSON.stringify({ errorId: "e-1", message: `Unknown: ${path}`, errorCode: "ZAN-USAGE-REST-ERROR" }),
        links: null,
      });
    }
  };

  const server = await startLocalServer(handle);
  return { ...server, requests };
}
