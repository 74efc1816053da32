// The error tree, its deprecated aliases, and names that survive minification.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seedRun } from "@zuora-reports/conformance";
import { json } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import * as client from "../src/index.js";
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ReportRunFailedError,
  ReportRunTimeoutError,
  RequestTimeoutError,
  TimeoutError,
  UserAbortError,
  ZuoraApiError,
  ZuoraError,
} from "../src/index.js";
import { failure, fakeClock, faultClient } from "./support/client.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

type Exports = typeof client;
type ErrorName = {
  [K in keyof Exports]: Exports[K] extends abstract new (...args: never[]) => Error ? K : never;
}[keyof Exports];

/** Every error class the package exports, by its export name, with the `name` its instances have. */
const NAMES: Record<ErrorName, string> = {
  ZuoraError: "ZuoraError",
  ZuoraApiError: "ZuoraApiError",
  BadRequestError: "BadRequestError",
  AuthenticationError: "AuthenticationError",
  PermissionDeniedError: "PermissionDeniedError",
  NotFoundError: "NotFoundError",
  RateLimitError: "RateLimitError",
  InternalServerError: "InternalServerError",
  ExportTooLargeError: "ExportTooLargeError",
  ConnectionError: "ConnectionError",
  RequestTimeoutError: "RequestTimeoutError",
  UserAbortError: "UserAbortError",
  InvalidArgumentError: "InvalidArgumentError",
  ReportRunFailedError: "ReportRunFailedError",
  ReportRunTimeoutError: "ReportRunTimeoutError",
  // The deprecated aliases are the same classes.
  TimeoutError: "RequestTimeoutError",
  AbortError: "UserAbortError",
};

const failedRun = { ...run("ERROR"), status: "ERROR" as const, reportType: "Detail" as const };

/** An instance of the exported error class `name` of `module`. */
function instance(module: Record<string, unknown>, name: string): Error {
  const Class = module[name] as new (...args: unknown[]) => Error;
  return name === "ReportRunFailedError"
    ? new Class(failedRun)
    : name === "ReportRunTimeoutError"
      ? new Class(RUN_ID, 1000)
      : new Class("message");
}

/** The part of esbuild's API used here. */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { text: string }[] }>;
}

/** esbuild, as size-limit installs it (the client does not depend on it itself). */
function esbuild(): Esbuild {
  const fromClient = createRequire(import.meta.url);
  const fromPreset = createRequire(fromClient.resolve("@size-limit/preset-small-lib/package.json"));
  return createRequire(fromPreset.resolve("@size-limit/esbuild/package.json"))("esbuild");
}

describe("error classes", () => {
  it("are every error class the package exports", () => {
    const exported = Object.entries(client)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof Error)
      .map(([name]) => name);
    expect(exported.sort()).toEqual(Object.keys(NAMES).sort());
  });

  it.each(Object.entries(NAMES))("%s has the name %s, as a string, and says it in toString()", (exported, name) => {
    const error = instance(client, exported);
    expect(error.name).toBe(name);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
    // Not an own enumerable property: logging an error does not print it twice.
    expect(Object.keys(error)).not.toContain("name");
  });

  it("form the tree ZuoraError → ZuoraApiError → status classes", () => {
    for (const Class of [
      BadRequestError,
      AuthenticationError,
      PermissionDeniedError,
      NotFoundError,
      RateLimitError,
      InternalServerError,
    ]) {
      expect(new Class("x")).toBeInstanceOf(ZuoraApiError);
    }
    expect(new ZuoraApiError("x")).toBeInstanceOf(ZuoraError);
    for (const Class of [ConnectionError, RequestTimeoutError, UserAbortError, InvalidArgumentError]) {
      expect(new Class("x")).toBeInstanceOf(ZuoraError);
      expect(new Class("x")).not.toBeInstanceOf(ZuoraApiError);
    }
    expect(new ReportRunFailedError(failedRun)).not.toBeInstanceOf(ZuoraApiError);
    expect(new ReportRunTimeoutError(RUN_ID, 1)).not.toBeInstanceOf(ZuoraApiError);
  });

  it("keep the old names as aliases of the same classes", () => {
    expect(TimeoutError).toBe(RequestTimeoutError);
    expect(AbortError).toBe(UserAbortError);
    expect(new TimeoutError("x")).toBeInstanceOf(RequestTimeoutError);
    expect(new UserAbortError("x")).toBeInstanceOf(AbortError);
  });

  it("keep their names in an esbuild --minify bundle, whose class names are mangled", async () => {
    const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
    const { outputFiles } = await esbuild().build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      external: ["papaparse"],
    });
    const code = outputFiles?.[0]?.text ?? "";
    // The bundle really renames the classes: `constructor.name` would not do.
    expect(code).not.toMatch(/class NotFoundError\b/);
    const dir = await mkdtemp(join(tmpdir(), "client-minified-"));
    try {
      const file = join(dir, "index.mjs");
      await writeFile(file, code);
      const minified = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      expect(instance(minified, "NotFoundError").constructor.name).not.toBe("NotFoundError");
      for (const [exported, name] of Object.entries(NAMES)) {
        expect([exported, instance(minified, exported).name]).toEqual([exported, name]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("errors from answers", () => {
  it("a 404 is a NotFoundError, a ZuoraApiError with status, headers, body and requestId", async () => {
    const { client: zuora } = await faultClient((_req, res) =>
      json(res, 404, { message: "No such run." }, { "Zuora-Request-Id": "req-404", "X-Extra": "yes" }),
    );
    const error = await failure(zuora.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ZuoraApiError);
    expect(error.name).toBe("NotFoundError");
    const apiError = error as ZuoraApiError;
    expect(apiError).toMatchObject({ status: 404, requestId: "req-404", message: "404: No such run." });
    expect(apiError.headers?.get("X-Extra")).toBe("yes");
    expect(apiError.body).toBe('{"message":"No such run."}');
    // Neither headers nor body is enumerable: logging the error prints neither.
    expect(Object.keys(apiError)).not.toContain("headers");
    expect(Object.keys(apiError)).not.toContain("body");
  });

  it("an answer without the spec's shape is a ZuoraApiError too (status 200)", async () => {
    const { client: zuora } = await faultClient((_req, res) => json(res, 200, { success: true, response: null }));
    const error = await failure(zuora.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(ZuoraApiError);
    expect(error).toMatchObject({ name: "ZuoraApiError", status: 200 });
  });

  it("an abort is a UserAbortError, a timeout a RequestTimeoutError, by name too", async () => {
    fakeClock();
    const { server, client: zuora } = await faultClient(() => undefined, { maxRetries: 0, timeoutMs: 1000 });
    const pending = failure(zuora.getReportRun(RUN_ID));
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(1000);
    const timedOut = await pending;
    expect(timedOut).toBeInstanceOf(RequestTimeoutError);
    expect(timedOut.name).toBe("RequestTimeoutError");
    const aborted = await failure(zuora.getReportRun(RUN_ID, { signal: AbortSignal.abort() }));
    expect(aborted).toBeInstanceOf(UserAbortError);
    expect(aborted.name).toBe("UserAbortError");
  });
});
