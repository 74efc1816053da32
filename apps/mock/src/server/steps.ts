// The mock's steps, in order: preflight → size → examples → route → fault → authenticate → replay → rate limit →
// example (to Prism) → check request → simulate (its answer checked against the document before it goes out). Each
// is small and answers or passes; `createResponder` strings them together. A `Prefer` example is authenticated and
// counted like any other request before Prism answers it.
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import type { Conformance, Json, Operation } from "@zuora-reports/conformance";
import type { ControlChange } from "../control.js";
import type { SimulationSettings } from "../settings.js";
import type { Answer, Simulation } from "../simulation/engine.js";
import { errorEnvelope } from "../simulation/envelope.js";
import { exportChunkCount, exportChunks, headerLine } from "../simulation/export-file.js";
import { FaultPlan } from "../simulation/faults.js";
import { draw, latencyOf } from "../simulation/latency.js";
import { RateLimiter, rateLimitHeaders } from "../simulation/rate-limit.js";
import type { Replay } from "../simulation/replay.js";
import type { Facts } from "./facts.js";
import {
  BodyTooLargeError,
  type Headers,
  type MockRequest,
  type MockResponse,
  message,
  pipeline,
  type Turn,
} from "./pipeline.js";

/** An answer of the simulation that the document does not allow: a bug of the mock, sent as a 500 instead. */
export interface Violation {
  operationId: string;
  status: number;
  problems: string[];
}

/** What the steps need. */
export interface ResponderOptions {
  conformance: Conformance;
  facts: Facts;
  settings: SimulationSettings;
  simulation: Simulation;
  /** Whether Prism is there for `Prefer` examples. */
  examples: boolean;
  /** Bodies larger than this are refused with 413. */
  maxBodyBytes: number;
  onViolation?: (violation: Violation) => void;
  /** Recorded answers to give the requests they match (MOCK_REPLAY). */
  replay?: Replay;
  /** A line for the log at `error` level (a bug of the mock). */
  logError: (line: string) => void;
  /** The control API (`/__admin/…`), answered before every other step; absent: those paths are unknown. */
  admin?: (request: MockRequest) => Promise<MockResponse>;
  /** Tells of resets and changes of settings: the fault plan and the rate limiter start afresh when theirs change. */
  onControl?: (listener: (change: ControlChange) => void) => void;
}

/** Where the control API lives (WireMock's convention): no path of Zuora's starts so. */
export const ADMIN_PREFIX = "/__admin/";

const EXAMPLE_PREFER = /(^|[\s,;])(example|code|dynamic)=/i;
const EXAMPLE_QUERY = ["__example", "__code", "__dynamic"];

/** Whether the request asks Prism for one of the document's examples rather than for the simulation. */
export function wantsExample(request: MockRequest): boolean {
  const prefer = request.headers.prefer;
  return (
    (typeof prefer === "string" && EXAMPLE_PREFER.test(prefer)) ||
    EXAMPLE_QUERY.some((name) => request.url.searchParams.has(name))
  );
}

/** The mock as `respond(request) → response`. */
export function createResponder(options: ResponderOptions): (request: MockRequest) => Promise<MockResponse> {
  const { conformance, facts, settings, simulation } = options;
  let faults = new FaultPlan(settings.faults.rate, settings.faults.kinds);
  // With a tenant type, the token endpoint has its own window (Zuora counts it apart from the API's).
  const limiters = () => {
    const api = new RateLimiter(settings.rateWindows, settings.now);
    return { api, token: settings.tokenWindows ? new RateLimiter(settings.tokenWindows, settings.now) : api };
  };
  let { api: limiter, token: tokenLimiter } = limiters();
  // A reset starts both afresh; a change of settings only the one whose knobs changed, so that slowing the mock down
  // mid-test does not hand every credential a fresh quota.
  const faultKnobs = () => JSON.stringify(settings.faults);
  const limitKnobs = () => JSON.stringify([settings.rateWindows, settings.tokenWindows]);
  let faultsFrom = faultKnobs();
  let limitsFrom = limitKnobs();
  options.onControl?.((change) => {
    if (change === "reset" || faultKnobs() !== faultsFrom) {
      faults = new FaultPlan(settings.faults.rate, settings.faults.kinds);
      faultsFrom = faultKnobs();
    }
    if (change === "reset" || limitKnobs() !== limitsFrom) {
      ({ api: limiter, token: tokenLimiter } = limiters());
      limitsFrom = limitKnobs();
    }
  });
  const json = jsonAnswers(options);
  const admin = options.admin;

  const start = (request: MockRequest): Turn => {
    const trackId = request.headers["zuora-track-id"];
    const echo =
      typeof trackId === "string" && facts.trackIdSchema && conformance.validators.at(facts.trackIdSchema)(trackId);
    const common: Headers = { "Zuora-Request-Id": randomUUID(), ...(echo ? { "Zuora-Track-Id": trackId } : {}) };
    return { request, common, pathParams: {}, credential: `ip:${request.remoteAddress}`, headers: common };
  };

  return pipeline(start, [
    // One string check on the hot path; the control API is neither counted, limited, faulted nor authenticated.
    (turn) => (admin && turn.request.url.pathname.startsWith(ADMIN_PREFIX) ? admin(turn.request) : undefined),
    (turn) => preflight(turn, facts.corsMethods),
    (turn) => declaredSize(turn, options.maxBodyBytes),
    (turn) => examples(turn, options.examples),
    (turn) => route(turn, conformance, simulation),
    (turn) => latency(turn, settings),
    (turn) => fault(turn, faults.next(), facts, simulation, json),
    (turn) => authenticate(turn, facts, simulation, json),
    (turn) => replayed(turn, options.replay),
    (turn) => {
      const secured = (turn.operation as Operation).secured;
      return rateLimit(turn, secured ? limiter : tokenLimiter, facts.rateLimitedStatus, simulation, json);
    },
    (turn) => (turn.example ? forwardExample(turn) : undefined),
    (turn) => checkRequest(turn, conformance, simulation, json),
    (turn) => simulate(turn, options, json, facts),
  ]);
}

function preflight({ request }: Turn, methods: string): MockResponse | undefined {
  if (request.method !== "OPTIONS") {
    return undefined;
  }
  const asked = request.headers["access-control-request-headers"];
  const headers = { "Access-Control-Allow-Methods": methods, "Access-Control-Allow-Headers": String(asked ?? "*") };
  return { kind: "send", status: 204, headers, body: "" };
}

/** 413 at once for a declared length over the limit; a body that grows past it is refused when read. */
function declaredSize({ request, common }: Turn, limit: number): MockResponse | undefined {
  const declared = Number(request.headers["content-length"] ?? 0);
  return declared > limit ? tooLarge(common, limit) : undefined;
}

function tooLarge(common: Headers, limit: number): MockResponse {
  // The rest of the body is not read: the connection closes after the answer.
  return message(413, { ...common, Connection: "close" }, `The request body is larger than ${limit} bytes.`);
}

/** Marks a request for Prism's examples (answered once authenticated and counted), or refuses it without Prism. */
function examples(turn: Turn, available: boolean): MockResponse | undefined {
  if (!wantsExample(turn.request)) {
    return undefined;
  }
  if (!available) {
    return message(400, turn.common, "This mock answers no Prefer examples (started with preferExamples: false).");
  }
  turn.example = true;
  return undefined;
}

function route(turn: Turn, conformance: Conformance, simulation: Simulation): MockResponse | undefined {
  const { method, url } = turn.request;
  const found = conformance.match(method, url.pathname);
  if (found.kind === "not-found") {
    return message(404, turn.common, `No operation of the report-runs API at ${method} ${url.pathname}.`);
  }
  if (found.kind === "method-not-allowed") {
    const allowed = found.allowed.join(", ");
    const text = `${method} is not allowed on ${url.pathname}; use ${allowed}.`;
    return message(405, { ...turn.common, Allow: allowed }, text);
  }
  if (!simulation.handler(found.operation.operationId)) {
    return { kind: "forward", headers: turn.common };
  }
  turn.operation = found.operation;
  turn.pathParams = found.pathParams;
  return undefined;
}

type JsonAnswers = ReturnType<typeof jsonAnswers>;

/** Waits out the operation's latency, if any, before anything is decided or sent. */
function latency(turn: Turn, settings: SimulationSettings): Promise<undefined> | undefined {
  const range = settings.latency && latencyOf(settings.latency, (turn.operation as Operation).operationId);
  return range ? settings.sleep(draw(range)).then(() => undefined) : undefined;
}

function fault(
  turn: Turn,
  kind: string | undefined,
  facts: Facts,
  simulation: Simulation,
  json: JsonAnswers,
): MockResponse | undefined {
  const operation = turn.operation as Operation;
  if (kind === undefined || turn.example) {
    return undefined;
  }
  if (kind === "drop") {
    return { kind: "drop", note: "dropped (fault)" };
  }
  const status = Number(kind);
  const example = simulation.example(operation.operationId, status);
  // Zuora's envelope (a JSON text in `response`) gets a fresh errorId; a plain body is sent as written.
  const envelope = typeof (example.value as { response?: unknown } | null)?.response === "string";
  const body = envelope ? errorEnvelope(example, {}) : example.value;
  const headers = { ...turn.common, ...(status === facts.rateLimitedStatus ? { "Retry-After": "1" } : {}) };
  return json.send(operation, status, body, headers, "fault");
}

function authenticate(turn: Turn, facts: Facts, simulation: Simulation, json: JsonAnswers): MockResponse | undefined {
  const operation = turn.operation as Operation;
  if (!operation.secured) {
    return undefined;
  }
  const credential = credentialOf(turn.request, facts, simulation);
  if (credential) {
    turn.credential = credential;
    return undefined;
  }
  const { body, challenge, status } = facts.unauthorized;
  const headers = { ...turn.common, ...(challenge ? { "WWW-Authenticate": challenge } : {}) };
  return json.send(operation, status, body, headers);
}

/** Who the request is from, or `undefined` when its credentials are missing or expired. */
function credentialOf(request: MockRequest, facts: Facts, simulation: Simulation): string | undefined {
  const { bearerHeader, keyHeaders } = facts.auth;
  const authorization = bearerHeader ? request.headers[bearerHeader] : undefined;
  if (typeof authorization === "string") {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const check = token === undefined ? undefined : simulation.tokens.check(token);
    if (!check || check.kind === "expired") {
      return undefined;
    }
    return check.kind === "valid" ? `client:${check.clientId}` : `token:${token}`;
  }
  const values = keyHeaders.map((name) => request.headers[name]);
  const complete = values.length > 0 && values.every((value) => typeof value === "string" && value !== "");
  return complete ? `user:${values[0]}` : undefined;
}

/** A counted example request, for Prism: its own headers, and its rate-limit count apart (not every status has it). */
function forwardExample(turn: Turn): MockResponse {
  const rateLimit = Object.fromEntries(Object.entries(turn.headers).filter(([name]) => !(name in turn.common)));
  return { kind: "forward", headers: turn.common, rateLimit };
}

/** The recorded answer of a request a replayed fixture matches (not counted: its headers are the recording's). */
function replayed(turn: Turn, replay: Replay | undefined): MockResponse | undefined {
  const { request } = turn;
  const operation = turn.operation as Operation;
  const answer = replay?.answer(operation.operationId, request.method, request.url.pathname, request.url.searchParams);
  if (!answer) {
    return undefined;
  }
  // The recording's headers as they were, but the track id: it echoes this request's, as Zuora would.
  const { "zuora-track-id": _recorded, ...headers } = answer.headers;
  const trackId = turn.common["Zuora-Track-Id"];
  return {
    kind: "stream",
    status: answer.status,
    headers: { ...headers, ...(trackId ? { "zuora-track-id": trackId } : {}) },
    chunks: [answer.body],
    note: `replayed ${basename(answer.file)}`,
  };
}

function rateLimit(turn: Turn, limiter: RateLimiter, status: number, simulation: Simulation, json: JsonAnswers) {
  const operation = turn.operation as Operation;
  const rate = limiter.take(turn.credential);
  turn.headers = { ...turn.common, ...rateLimitHeaders(rate) };
  if (rate.allowed) {
    return undefined;
  }
  const example = simulation.example(operation.operationId, status);
  const headers = { ...turn.headers, "Retry-After": String(rate.resetSeconds) };
  return json.send(operation, status, example.value, headers, "rate limit");
}

async function checkRequest(turn: Turn, conformance: Conformance, simulation: Simulation, json: JsonAnswers) {
  const operation = turn.operation as Operation;
  const { request } = turn;
  let body: Uint8Array;
  try {
    body = await request.body();
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return tooLarge(turn.common, error.limit);
    }
    throw error;
  }
  const parts = { pathParams: turn.pathParams, query: request.url.searchParams, headers: request.headers, body };
  const checked = conformance.checkRequest(operation, parts);
  if (checked.ok) {
    turn.call = { params: checked.request.params, body: checked.request.body, credential: turn.credential };
    return undefined;
  }
  const problem = checked.problems.join("; ");
  const answer = simulation.badRequest(operation.operationId, "invalidRequest", { problem });
  return json.send(operation, answer.status, "json" in answer ? answer.json : null, turn.headers, problem);
}

function simulate(turn: Turn, options: ResponderOptions, json: JsonAnswers, facts: Facts): MockResponse {
  const { simulation } = options;
  const operation = turn.operation as Operation;
  const handler = simulation.handler(operation.operationId);
  if (!handler || !turn.call) {
    throw new Error(`No handler or no checked call for ${operation.operationId}.`);
  }
  const answer: Answer = handler(turn.call);
  if (!("export" in answer)) {
    return json.send(operation, answer.status, answer.json, turn.headers);
  }
  const settings = options.settings;
  const headers = { ...turn.headers, "Content-Type": facts.exportContentType };
  const problems = json.problems(operation, answer.status, headers, { body: headerLine(answer.export) });
  if (problems) {
    const failed = errorEnvelope(simulation.example(operation.operationId, facts.serverErrorStatus), {});
    return json.send(operation, facts.serverErrorStatus, failed, turn.headers);
  }
  const chunks = exportChunks(answer.export);
  const body = settings.latencyBody;
  return {
    kind: "stream",
    status: answer.status,
    headers,
    chunks: body ? spread(chunks, draw(body), exportChunkCount(answer.export), settings.sleep) : chunks,
  };
}

/** `chunks`, `count` of them, the pause after each one `totalMs / count`: the body ends `totalMs` after it began. */
async function* spread(
  chunks: Iterable<Uint8Array>,
  totalMs: number,
  count: number,
  sleep: (ms: number) => Promise<void>,
): AsyncGenerator<Uint8Array> {
  const pause = totalMs / count;
  for (const chunk of chunks) {
    yield chunk;
    await sleep(pause);
  }
}

/** Answers of an operation, checked against the document on the way out: one that breaks it becomes a 500. */
function jsonAnswers(options: ResponderOptions) {
  const { conformance, simulation } = options;
  const serverError = options.facts.serverErrorStatus;
  const problems = (operation: Operation, status: number, headers: Headers, body: { json?: Json; body?: string }) => {
    const verdict = conformance.checkResponse(operation, { status, headers, ...body }, { charset: true });
    if (verdict.violations.length === 0) {
      return undefined;
    }
    const list = verdict.violations.map((v) => `${v.path}: expected ${v.expected}, got ${v.seen}`);
    options.logError(`mock bug: ${operation.operationId} ${status} breaks the document: ${list.join("; ")}`);
    options.onViolation?.({ operationId: operation.operationId, status, problems: list });
    return list;
  };
  const send = (operation: Operation, status: number, json: Json, headers: Headers, note?: string): MockResponse => {
    const all = { ...headers, "Content-Type": "application/json" };
    const found = problems(operation, status, all, { json });
    if (found) {
      const text = `The mock's answer breaks the OpenAPI document (a bug of the mock): ${found.join("; ")}`;
      const fallback = errorEnvelope(simulation.example(operation.operationId, serverError), {}, text);
      return { kind: "send", status: serverError, headers: all, body: JSON.stringify(fallback), note: "mock bug" };
    }
    return { kind: "send", status, headers: all, body: JSON.stringify(json), ...(note ? { note } : {}) };
  };
  return { send, problems };
}
