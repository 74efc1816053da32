// `verify --record`: each exchange as a fixture file, with every secret, token, id and row value replaced by a
// stable placeholder. Types and shape survive (a string stays a string of the same kind, an id keeps its length),
// so the fixtures still validate against the spec, and equal values stay equal (the same row in the data and the
// export keeps the same placeholders).
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { type Conformance, type Fixture, type Json, writeFixture } from "@zuora-reports/conformance";
import { csvLayout, parseCsv, writeCsv } from "./csv.js";
import { pathBelow, type RecordedExchange } from "./recorder.js";

/** Response headers worth keeping; every other header (cookies, proxies' traces…) is left out. */
const KEPT_HEADERS =
  /^(content-type|ratelimit-.+|x-ratelimit-.+|retry-after|www-authenticate|zuora-request-id|zuora-track-id)$/;

/** Data rows of an export kept in its fixture. */
export const MAX_EXPORT_ROWS = 100;

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX_ID = /\b[0-9a-f]{16,64}\b/gi;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** Hands out one placeholder per distinct value and kind, numbered in order of first sight. */
class Placeholders {
  private readonly seen = new Map<string, Map<string, string | number>>();

  get<T extends string | number>(kind: string, value: string, make: (n: number) => T): T {
    let values = this.seen.get(kind);
    if (!values) {
      values = new Map();
      this.seen.set(kind, values);
    }
    let placeholder = values.get(value);
    if (placeholder === undefined) {
      placeholder = make(values.size + 1);
      values.set(value, placeholder);
    }
    return placeholder as T;
  }
}

export interface Redactor {
  /** The fixture of one exchange. */
  fixture(exchange: RecordedExchange, basePath: string): Fixture;
}

/** Whether `value` is an array or an object (the JSON values that have children). */
const hasChildren = (value: Json): value is Json[] | { [key: string]: Json } =>
  Array.isArray(value) || (typeof value === "object" && value !== null);

/** The placeholders of one recording, and how each kind of value is replaced. */
class Redaction {
  private readonly placeholders = new Placeholders();
  private readonly hidden: readonly string[];

  constructor(secrets: readonly string[]) {
    this.hidden = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  }

  /** A placeholder id: same length and alphabet as a hex id (Zuora's are 32 hex digits), a UUID for a UUID. */
  id(value: string): string {
    return this.placeholders.get("id", value.toLowerCase(), (n) => {
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
        return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
      }
      // Otherwise `id-1`, padded to the original's length where it was longer (a header's schema may fix it).
      return /^[0-9a-f]+$/i.test(value)
        ? n.toString(16).padStart(value.length, "0")
        : `id-${String(n).padStart(Math.max(1, value.length - 3), "0")}`;
    });
  }

  token(value: string): string {
    return this.placeholders.get("token", value, (n) => `redacted-token-${n}`);
  }

  named(kind: string, value: string, make: (n: number) => string): string {
    return this.placeholders.get(kind, value, make);
  }

  /** Free text: secrets out, then anything shaped like an id or an e-mail address. */
  scrub(text: string): string {
    let result = text;
    for (const secret of this.hidden) {
      result = result.split(secret).join(this.token(secret));
    }
    return result
      .replace(UUID, (match) => this.id(match))
      .replace(HEX_ID, (match) => this.id(match))
      .replace(EMAIL, (match) => this.placeholders.get("email", match.toLowerCase(), (n) => `user-${n}@example.com`));
  }

  /** A report row's value: its type stays, its content goes. */
  cell(value: Json): Json {
    if (typeof value === "string") {
      return value === "" ? "" : this.placeholders.get("cell", value, (n) => `cell-${n}`);
    }
    if (typeof value === "number") {
      return this.placeholders.get("number", String(value), (n) => n);
    }
    return value;
  }
}

/** A JSON body, redacted by where each value sits. */
function redactJson(
  redaction: Redaction,
  value: Json,
  path: readonly (string | number)[],
  operationId: string | undefined,
): Json {
  const child = (inner: Json, key: string | number) => redactJson(redaction, inner, [...path, key], operationId);
  if (operationId === "getReportData" && path.some((segment) => typeof segment === "number")) {
    return hasChildren(value) ? mapJson(value, child) : redaction.cell(value);
  }
  if (hasChildren(value)) {
    return mapJson(value, child);
  }
  if (typeof value !== "string") {
    return value;
  }
  const key = path.at(-1);
  return typeof key === "string" ? redactField(redaction, key, value, path, operationId) : redaction.scrub(value);
}

/** A string field, by its name. */
function redactField(
  redaction: Redaction,
  key: string,
  value: string,
  path: readonly (string | number)[],
  operationId: string | undefined,
): Json {
  if (/token$|^jti$/i.test(key)) {
    return redaction.token(value);
  }
  if (key === "scope") {
    return redaction.named("scope", value, (n) => `redacted-scope-${n}`);
  }
  if (key === "reportDefinition") {
    // JSON text: keep its keys, drop its values.
    try {
      return JSON.stringify(shape(JSON.parse(value) as Json));
    } catch {
      return "...";
    }
  }
  if (/^id$|Id$|ID$/.test(key)) {
    return redaction.id(value);
  }
  if (key === "response" && path.length === 1) {
    // Zuora's failure envelope: an ErrorDetail as JSON text.
    try {
      return JSON.stringify(redactJson(redaction, JSON.parse(value) as Json, [], operationId), null, 2);
    } catch {
      return redaction.scrub(value);
    }
  }
  return redaction.scrub(value);
}

/** An export's CSV: the header line scrubbed, the values replaced, at most {@link MAX_EXPORT_ROWS} rows. */
function redactCsv(redaction: Redaction, text: string, pivoted: boolean): string {
  const layout = csvLayout(text);
  // A fixture shows the export's shape; a whole large report would only bloat the repository.
  const rows = parseCsv(text, layout)
    .slice(0, 1 + MAX_EXPORT_ROWS)
    .map((row, index) =>
      row.map((value) =>
        // The header line names fields; in a pivoted export the column headers may be values, unless they
        // read as Zuora's "Object: Field" labels.
        index === 0 && (!pivoted || value.includes(": ")) ? redaction.scrub(value) : (redaction.cell(value) as string),
      ),
    );
  return writeCsv(rows, layout);
}

/** The response headers worth keeping, redacted. */
function redactHeaders(redaction: Redaction, headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === "zuora-request-id") {
      kept[name] = redaction.id(value);
    } else if (name === "zuora-track-id") {
      kept[name] = redaction.named("track", value, (n) => `track-id-${n}`);
    } else if (KEPT_HEADERS.test(name)) {
      kept[name] = redaction.scrub(value);
    }
  }
  return kept;
}

/** The response of a fixture: status, `headers` (redacted already), and the body as JSON, CSV or text. */
function redactResponse(
  redaction: Redaction,
  exchange: RecordedExchange,
  headers: Record<string, string>,
  operationId: string | undefined,
): Fixture["response"] {
  const response: Fixture["response"] = { status: exchange.status, headers };
  let parsed: Json | undefined;
  try {
    parsed = exchange.text.trim() === "" ? undefined : (JSON.parse(exchange.text) as Json);
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    response.json = redactJson(redaction, parsed, [], operationId);
  } else if (operationId === "exportReportRun" && exchange.status === 200) {
    response.text = redactCsv(redaction, exchange.text, exchange.url.searchParams.get("pivoted") === "true");
  } else {
    response.text = operationId === "getReportData" ? "(masked)" : redaction.scrub(exchange.text);
  }
  if (exchange.charset !== "utf-8" || exchange.bom) {
    response.encoding = { charset: exchange.charset, bom: exchange.bom !== undefined };
  }
  return response;
}

/**
 * A redactor for one recording: `secrets` (credentials, tokens, user names, entity ids…) never appear in what it
 * returns, whatever field or text they turn up in.
 */
export function createRedactor(conformance: Conformance, secrets: readonly string[], source: string): Redactor {
  const redaction = new Redaction(secrets);
  return {
    fixture(exchange, basePath) {
      const below = pathBelow(exchange.url, basePath);
      const operation = conformance.findOperation(exchange.method, below);
      // Placeholders are numbered in order of first sight: headers, then the query, then the body.
      const headers = redactHeaders(redaction, exchange.headers);
      const query = Object.fromEntries(
        [...exchange.url.searchParams].map(([name, value]) => [name, redaction.scrub(value)]),
      );
      return {
        operationId: operation?.operationId ?? "(unknown)",
        request: {
          method: exchange.method,
          path: operation?.path ?? redaction.scrub(below),
          ...(Object.keys(query).length > 0 ? { query } : {}),
        },
        response: redactResponse(redaction, exchange, headers, operation?.operationId),
        source,
      };
    },
  };
}

function mapJson(value: Json[] | { [key: string]: Json }, map: (child: Json, key: string | number) => Json): Json {
  return Array.isArray(value)
    ? value.map((child, index) => map(child, index))
    : Object.fromEntries(Object.entries(value).map(([key, child]) => [key, map(child, key)]));
}

/** Keys kept, strings emptied to "x", numbers to 0: the shape of a value without its content. */
function shape(value: Json): Json {
  if (Array.isArray(value) || (typeof value === "object" && value !== null)) {
    return mapJson(value, (child) => shape(child));
  }
  return typeof value === "string" ? "x" : typeof value === "number" ? 0 : value;
}

/** Fails with a usage-style message unless `folder` is missing or empty: a recording never mixes with another. */
export async function checkRecordFolder(folder: string): Promise<string | undefined> {
  const entries = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") {
      return [];
    }
    throw error;
  });
  return entries.length > 0 ? `--record ${folder} is not empty: give a new or empty folder.` : undefined;
}

/** What makes two answers the same for recording: the operation, the request, the status and the body. */
const answerKey = ({ operationId, request, response }: Fixture) =>
  JSON.stringify([operationId, request, response.status, response.json, response.text, response.encoding]);

/**
 * Writes the fixtures, numbered in the order of the walk; the same answer again in a row (polls of a run whose
 * status did not change; their headers differ only in counters) becomes one file. Returns the file names.
 */
export async function writeFixtures(folder: string, fixtures: readonly Fixture[]): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const kept = fixtures.filter(
    (fixture, index) => index === 0 || answerKey(fixture) !== answerKey(fixtures[index - 1] as Fixture),
  );
  const names: string[] = [];
  for (const [index, fixture] of kept.entries()) {
    const name = `${String(index + 1).padStart(2, "0")}-${fixture.operationId}-${fixture.response.status}.json`;
    await writeFixture(join(folder, name), fixture);
    names.push(name);
  }
  return names;
}
