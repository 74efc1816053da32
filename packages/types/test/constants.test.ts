import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { REPORT_RUN_STATUSES, REPORT_TYPES, SERVERS, TOKEN_SERVERS } from "../src/index.js";

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@zuora-reports/spec/openapi.json"), "utf8"),
);

describe("constants generated from the spec", () => {
  it("list the seven statuses in lifecycle order", () => {
    expect(REPORT_RUN_STATUSES).toEqual([
      "STARTED",
      "QUERYDATA",
      "PROCESSINGDATA",
      "COMPLETED",
      "CANCELLED",
      "INVALID",
      "ERROR",
    ]);
    expect(REPORT_TYPES).toEqual(["Detail", "Summary"]);
  });

  it("give every server of the spec a unique environment name", () => {
    expect(SERVERS.map((server) => server.url)).toEqual(spec.servers.map((server: { url: string }) => server.url));
    expect(new Set(SERVERS.map((server) => server.environment)).size).toBe(SERVERS.length);
    expect(SERVERS.find((server) => server.environment === "legacy-us-sandbox")?.url).toBe(
      "https://zconnectsandbox.zuora.com/api/rest/v1",
    );
  });

  it("serve the token exchange from the rest hosts, without a base path", () => {
    for (const url of TOKEN_SERVERS) {
      expect(new URL(url).pathname).toBe("/");
    }
  });
});
