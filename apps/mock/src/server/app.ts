// The mock's HTTP front: routes each request to its operation in the document, checks credentials, rate limit
// and the request itself, lets the simulation answer, validates the answer against the document, and sends it
// with Zuora's headers. Requests that ask for an example (`Prefer: example=…`, `code=…`, `__example`…) go to
// Prism untouched, as before the simulation existed.
import { randomUUID } from "node:crypto";
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { MockLogLevel, SimulationSettings } from "../settings.js";
import type { Answer, Simulation } from "../simulation/engine.js";
import { errorEnvelope } from "../simulation/envelope.js";
import { EXPORT_CONTENT_TYPE, exportChunks, headerLine } from "../simulation/export-file.js";
import { FaultPlan } from "../simulation/faults.js";
import { RateLimiter, type RateLimitState } from "../simulation/rate-limit.js";
import type { Json, Operation, SpecDocument } from "../spec/document.js";
import { checkRequest } from "../validation/request.js";
import { checkResponse } from "../validation/response.js";
import type { SchemaValidators } from "../validation/schemas.js";

/** An answer of the simulation that the document does not allow: a bug of the mock, sent as a 500 instead. */
export interface Violation {
  operationId: string;
  status: number;
  problems: string[];
}

export interface AppOptions {
  spec: SpecDocument;
  settings: SimulationSettings;
  simulation: Simulation;
  validators: SchemaValidators;
  /** Where example requests go; without it they are refused. */
  prismUrl?: string;
  log: (level: MockLogLevel, line: string) => void;
  onViolation?: (violation: Violation) => void;
}

interface Route {
  pattern: RegExp;
  names: string[];
  byMethod: Map<string, Operation>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "zuora-track-id", "zuora-request-id"];
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "*",
};

function compileRoutes(spec: SpecDocument): Route[] {
  const routes = new Map<string, Route>();
  for (const operation of spec.operations) {
    let route = routes.get(operation.path);
    if (!route) {
      const names: string[] = [];
      const source = operation.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name) {
            names.push(name);
            return "([^/]+)";
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("");
      route = { pattern: new RegExp(`^${source}/?$`), names, byMethod: new Map() };
      routes.set(operation.path, route);
    }
    route.byMethod.set(operation.method, operation);
  }
  // Literal paths before templated ones, so /reportruns/reportdata/{id} never reads as /reportruns/{id}.
  return [...routes.values()].sort((a, b) => a.names.length - b.names.length);
}

/** Whether the request asks Prism for one of the document's examples rather than for the simulation. */
function wantsExample(req: IncomingMessage, url: URL): boolean {
  const prefer = req.headers.prefer;
  return (
    (typeof prefer === "string" && /(^|[\s,;])(example|code|dynamic)=/i.test(prefer)) ||
    ["__example", "__code", "__dynamic"].some((name) => url.searchParams.has(name))
  );
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const rateLimitHeaders = (state: RateLimitState): Record<string, string> => ({
  "RateLimit-Limit": String(state.limit),
  "RateLimit-Remaining": String(state.remaining),
  "RateLimit-Reset": String(state.resetSeconds),
});

export function createApp(options: AppOptions): Server {
  const { spec, settings, simulation, validators, log } = options;
  const routes = compileRoutes(spec);
  const faults = new FaultPlan(settings.faults.rate, settings.faults.kinds);
  const limiter = new RateLimiter(settings.rateLimit.limit, settings.rateLimit.windowSeconds, settings.now);
  const agent = new Agent({ keepAlive: true });
  const trackIdParameter = spec.operations
    .flatMap((op) => op.parameters)
    .find((p) => p.in === "header" && p.name === "Zuora-Track-Id");
  const unauthorized = spec.operations.find((op) => op.responses.has(401))?.operationId ?? "getReportRun";

  /** The sent `Zuora-Track-Id` if it is one the document allows (it is echoed then, and only then). */
  function trackIdOf(req: IncomingMessage): string | undefined {
    const value = req.headers["zuora-track-id"];
    if (typeof value !== "string" || !trackIdParameter) {
      return undefined;
    }
    return validators.at(trackIdParameter.schemaPointer)(value) ? value : undefined;
  }

  function sendRaw(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string): void {
    res.writeHead(status, { ...CORS, ...headers, "Content-Length": Buffer.byteLength(body) }).end(body);
  }

  /** Sends a JSON answer of `operation` once the document allows it; otherwise a 500 naming the violation. */
  function sendJson(
    res: ServerResponse,
    operation: Operation,
    status: number,
    json: Json,
    headers: Record<string, string>,
  ): void {
    const problems = checkResponse(validators, operation, {
      status,
      contentType: "application/json",
      body: json,
      headers,
    });
    if (problems.length > 0) {
      reportViolation(operation, status, problems);
      const fallback = errorEnvelope(
        simulation.example(operation.operationId, 500),
        {},
        `The mock's answer breaks the OpenAPI document (a bug of the mock): ${problems.join("; ")}`,
      );
      sendRaw(res, 500, { ...headers, "Content-Type": "application/json" }, JSON.stringify(fallback));
      return;
    }
    sendRaw(res, status, { ...headers, "Content-Type": "application/json" }, JSON.stringify(json));
  }

  function reportViolation(operation: Operation, status: number, problems: string[]): void {
    log("error", `mock bug: ${operation.operationId} ${status} breaks the document: ${problems.join("; ")}`);
    options.onViolation?.({ operationId: operation.operationId, status, problems });
  }

  async function sendExport(
    res: ServerResponse,
    operation: Operation,
    answer: Extract<Answer, { export: unknown }>,
    headers: Record<string, string>,
  ): Promise<void> {
    const headerText = headerLine(answer.export);
    const contentHeaders = { ...headers, "Content-Type": EXPORT_CONTENT_TYPE };
    const problems = checkResponse(validators, operation, {
      status: 200,
      contentType: EXPORT_CONTENT_TYPE,
      body: headerText,
      headers: contentHeaders,
    });
    if (problems.length > 0) {
      reportViolation(operation, 200, problems);
      sendJson(res, operation, 500, errorEnvelope(simulation.example(operation.operationId, 500), {}), headers);
      return;
    }
    res.writeHead(200, { ...CORS, ...contentHeaders });
    for (const chunk of exportChunks(answer.export)) {
      if (!res.write(chunk)) {
        await new Promise((resolve) => res.once("drain", resolve));
      }
      if (res.destroyed) {
        return;
      }
    }
    res.end();
  }

  /** Hands the request to Prism and its answer back, with this request's Zuora-Request-Id / Zuora-Track-Id. */
  function forwardToPrism(req: IncomingMessage, res: ServerResponse, common: Record<string, string>): void {
    if (!options.prismUrl) {
      sendRaw(
        res,
        400,
        { ...common, "Content-Type": "application/json" },
        JSON.stringify({ message: "This mock answers no Prefer examples (started with preferExamples: false)." }),
      );
      return;
    }
    const upstream = httpRequest(
      new URL(req.url ?? "/", options.prismUrl),
      { method: req.method, headers: req.headers, agent },
      (answer) => {
        const headers = { ...answer.headers };
        for (const name of HOP_BY_HOP) {
          delete headers[name];
        }
        res.writeHead(answer.statusCode ?? 502, { ...headers, ...common });
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendRaw(
        res,
        502,
        { ...common, "Content-Type": "application/json" },
        JSON.stringify({ message: `Prism: ${error.message}` }),
      );
    });
    req.pipe(upstream);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const method = req.method ?? "GET";
    const trackId = trackIdOf(req);
    const common: Record<string, string> = {
      "Zuora-Request-Id": randomUUID(),
      ...(trackId === undefined ? {} : { "Zuora-Track-Id": trackId }),
    };
    if (method === "OPTIONS") {
      res
        .writeHead(204, {
          ...CORS,
          "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
          "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
        })
        .end();
      return;
    }
    if (wantsExample(req, url)) {
      forwardToPrism(req, res, common);
      return;
    }

    let match: { route: Route; values: string[] } | undefined;
    for (const route of routes) {
      const found = route.pattern.exec(url.pathname);
      if (found) {
        match = { route, values: found.slice(1) };
        break;
      }
    }
    const operation = match?.route.byMethod.get(method);
    if (!match || !operation) {
      const allowed = match ? [...match.route.byMethod.keys()].join(", ") : "";
      sendRaw(
        res,
        match ? 405 : 404,
        { ...common, "Content-Type": "application/json", ...(match ? { Allow: allowed } : {}) },
        JSON.stringify({
          message: match
            ? `${method} is not allowed on ${url.pathname}; use ${allowed}.`
            : `No operation of the report-runs API at ${method} ${url.pathname}.`,
        }),
      );
      return;
    }
    const handler = simulation.handler(operation.operationId);
    if (!handler) {
      forwardToPrism(req, res, common);
      return;
    }

    const fault = faults.next();
    if (fault === "drop") {
      log("info", `${method} ${url.pathname} → dropped (fault)`);
      req.socket.destroy();
      return;
    }
    if (fault) {
      const status = Number(fault);
      const example = simulation.example(operation.operationId, status);
      const body = status === 500 ? errorEnvelope(example, {}) : example.value;
      log("info", `${method} ${url.pathname} → ${status} (fault)`);
      sendJson(res, operation, status, body, { ...common, ...(status === 429 ? { "Retry-After": "1" } : {}) });
      return;
    }

    const body = await readBody(req);
    let credential = `ip:${req.socket.remoteAddress ?? ""}`;
    if (operation.secured) {
      const found = credentialOf(req);
      if (!found) {
        const example = simulation.example(unauthorized, 401);
        const challenge = spec.operation(unauthorized).responses.get(401)?.headers.get("www-authenticate")?.example;
        log("info", `${method} ${url.pathname} → 401`);
        sendJson(res, operation, 401, example.value, {
          ...common,
          ...(typeof challenge === "string" ? { "WWW-Authenticate": challenge } : {}),
        });
        return;
      }
      credential = found;
    }
    const rate = limiter.take(credential);
    const headers = { ...common, ...rateLimitHeaders(rate) };
    if (!rate.allowed) {
      log("info", `${method} ${url.pathname} → 429 (rate limit)`);
      const example = simulation.example(operation.operationId, 429);
      sendJson(res, operation, 429, example.value, { ...headers, "Retry-After": String(rate.resetSeconds) });
      return;
    }

    const pathParams: Record<string, string> = {};
    match.route.names.forEach((name, i) => {
      pathParams[name] = safeDecode(match.values[i] ?? "");
    });
    const checked =
      body === undefined
        ? ({ ok: false, problems: [`the request body is larger than ${MAX_BODY_BYTES} bytes`] } as const)
        : checkRequest(validators, operation, { pathParams, query: url.searchParams, headers: req.headers, body });
    if (!checked.ok) {
      const answer = simulation.badRequest(operation.operationId, "invalidRequest", {
        problem: checked.problems.join("; "),
      });
      log("info", `${method} ${url.pathname} → 400 (${checked.problems.join("; ")})`);
      sendJson(res, operation, answer.status, "json" in answer ? answer.json : null, headers);
      return;
    }

    const answer = handler({ params: checked.request.params, body: checked.request.body, credential });
    log("info", `${method} ${url.pathname} → ${answer.status}`);
    if ("export" in answer) {
      await sendExport(res, operation, answer, headers);
    } else {
      sendJson(res, operation, answer.status, answer.json, headers);
    }
  }

  /** Who the request is from, or `undefined` when its credentials are missing or expired. */
  function credentialOf(req: IncomingMessage): string | undefined {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (!token) {
        return undefined;
      }
      const check = simulation.tokens.check(token);
      return check.kind === "expired"
        ? undefined
        : check.kind === "valid"
          ? `client:${check.clientId}`
          : `token:${token}`;
    }
    const user = req.headers.apiaccesskeyid;
    const password = req.headers.apisecretaccesskey;
    return typeof user === "string" && user !== "" && typeof password === "string" && password !== ""
      ? `user:${user}`
      : undefined;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log("error", `mock: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) {
        sendRaw(res, 500, { "Content-Type": "application/json" }, JSON.stringify({ message: "The mock failed." }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on("close", () => agent.destroy());
  return server;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
