// The file form of a recorded exchange (a fixture): one JSON file per response, readable and diffable.
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Exchange } from "./check.js";
import { isObject, type Json } from "./document.js";

/** One recorded exchange, as `zuora-reports verify --record` writes it. */
export interface Fixture {
  /** The operation of the document, e.g. `getReportRun`. */
  operationId: string;
  request: {
    method: string;
    /** The path template below the base URL, e.g. `/reportruns/{reportRunId}`: no concrete ids. */
    path: string;
    query?: Record<string, string>;
  };
  response: {
    status: number;
    /** Response headers, lower-case names. */
    headers: Record<string, string>;
    /** The body, parsed, when it was JSON. */
    json?: Json;
    /** The body as text, when it was not JSON (or not valid JSON). */
    text?: string;
    /** How `text` was encoded on the wire, when not UTF-8 without a byte-order mark. */
    encoding?: { charset: string; bom: boolean };
  };
  /** Where the fixture came from, e.g. `zuora-reports verify 0.1.0`, or a hand-checked source. */
  source?: string;
}

/** The exchange a fixture recorded, ready for {@link Conformance.check}. */
export function fixtureExchange(fixture: Fixture): Exchange {
  const { request, response } = fixture;
  return {
    method: request.method,
    path: request.path,
    operationId: fixture.operationId,
    status: response.status,
    headers: response.headers,
    body: "json" in response ? JSON.stringify(response.json) : (response.text ?? ""),
  };
}

/** Whether `value` has the shape of a {@link Fixture}. */
export function isFixture(value: unknown): value is Fixture {
  if (!isObject(value) || !isObject(value.request) || !isObject(value.response)) {
    return false;
  }
  const { request, response } = value;
  return (
    typeof value.operationId === "string" &&
    typeof request.method === "string" &&
    typeof request.path === "string" &&
    typeof response.status === "number" &&
    isObject(response.headers) &&
    ("json" in response || typeof response.text === "string")
  );
}

/**
 * Every `*.json` fixture below `folder` (sub-folders too), sorted by path. Throws, naming the file, for one that is
 * not a fixture.
 */
export function readFixtures(folder: string): { file: string; fixture: Fixture }[] {
  const files = readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".json"))
    .sort();
  return files.map((name) => {
    const file = join(folder, name);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`${relative(process.cwd(), file)} is not JSON: ${(error as Error).message}`);
    }
    if (!isFixture(value)) {
      throw new Error(
        `${relative(process.cwd(), file)} is not a fixture: it needs operationId, request {method, path} and response {status, headers, json or text}.`,
      );
    }
    return { file, fixture: value };
  });
}

/** A fixture as its file holds it: two-space JSON and a final newline. */
export function fixtureText(fixture: Fixture): string {
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

/** Writes `fixture` to `file`; refuses (EEXIST) to replace a file that is there. */
export function writeFixture(file: string, fixture: Fixture): Promise<void> {
  return writeFile(file, fixtureText(fixture), { flag: "wx" });
}
