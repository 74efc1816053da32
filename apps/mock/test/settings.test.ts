import { loadConformance } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../src/index.js";
import { optionsFromEnv, resolveSettings } from "../src/settings.js";

const spec = loadConformance(defaultSpecPath);

describe("resolveSettings", () => {
  it("fills in the defaults, Zuora's documented ones from the document", () => {
    const settings = resolveSettings({}, spec);
    expect(settings).toMatchObject({
      pace: { kind: "time", stepMs: 1000 },
      rows: 2500,
      rateLimit: { limit: 50000, windowSeconds: 60 },
      tokenTtlSeconds: 3599,
      faults: { rate: 0, kinds: ["500", "429", "drop"] },
      preferExamples: true,
    });
  });

  it("takes a tenant type's three windows, the token endpoint's own, and an explicit rateLimit over its window", () => {
    expect(resolveSettings({}, spec).rateWindows).toEqual([{ limit: 50000, seconds: 60 }]);
    const sandbox = resolveSettings({ tenant: "api-sandbox" }, spec);
    expect(sandbox).toMatchObject({
      tenant: "api-sandbox",
      rateLimit: { limit: 2500, windowSeconds: 60 },
      rateWindows: [
        { limit: 2500, seconds: 60 },
        { limit: 5000, seconds: 3600 },
        { limit: 10000, seconds: 86400 },
      ],
      tokenWindows: [{ limit: 2000, seconds: 60 }],
    });
    expect(resolveSettings({ tenant: "developer-sandbox", rateLimit: { limit: 10 } }, spec).rateWindows).toEqual([
      { limit: 10, seconds: 60 },
      { limit: 25000, seconds: 3600 },
      { limit: 50000, seconds: 86400 },
    ]);
    expect(resolveSettings({ tenant: "production", rateLimit: { windowSeconds: 10 } }, spec).rateWindows).toEqual([
      { limit: 50000, seconds: 10 },
      { limit: 50000, seconds: 60 },
      { limit: 2250000, seconds: 3600 },
      { limit: 27000000, seconds: 86400 },
    ]);
  });

  it.each([
    [{ pace: 0 }, /pace must be poll or a whole number of milliseconds ≥ 1, not 0\./],
    [{ rows: -1 }, /rows must be a whole number from 0/],
    [{ rateLimit: { limit: 0 } }, /rateLimit.limit must be a whole number ≥ 1/],
    [{ tokenTtlSeconds: 0.5 }, /tokenTtlSeconds must be a whole number ≥ 1/],
    [{ faults: { rate: 2 } }, /faults.rate must be a number from 0 to 1, not 2\./],
    [{ tenant: "enterprise" as "production" }, /tenant must be one of production, developer-sandbox, api-sandbox/],
  ])("refuses %o with a message naming the option", (options, message) => {
    expect(() => resolveSettings(options, spec)).toThrow(message);
  });
});

describe("one check per knob, for the variable and the option alike", () => {
  it.each([
    ["MOCK_ROWS", "-1", { rows: -1 }],
    ["MOCK_RATE_LIMIT", "0", { rateLimit: { limit: 0 } }],
    ["MOCK_FAULT_RATE", "2", { faults: { rate: 2 } }],
    ["MOCK_PACE", "0", { pace: 0 }],
  ])("%s=%s and the same option are refused for the same reason", (env, text, options) => {
    const viaEnv = (() => {
      try {
        optionsFromEnv({ [env]: text });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    const viaOption = (() => {
      try {
        resolveSettings(options, spec);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    const reason = (message = "") => message.replace(/^\S+ /, "").replace(/, not .*$/, "");
    expect(viaEnv).toMatch(new RegExp(`^${env} must `));
    expect(reason(viaOption)).toBe(reason(viaEnv));
  });
});

describe("optionsFromEnv", () => {
  it("reads every MOCK_* knob", () => {
    expect(
      optionsFromEnv({
        MOCK_MODE: "static",
        MOCK_PACE: "poll",
        MOCK_ROWS: "10",
        MOCK_RATE_LIMIT: "5",
        MOCK_RATE_WINDOW: "2",
        MOCK_TOKEN_TTL: "30",
        MOCK_FAULT_RATE: "0.25",
        MOCK_FAULTS: "500,drop",
      }),
    ).toEqual({
      mode: "static",
      pace: "poll",
      rows: 10,
      rateLimit: { limit: 5, windowSeconds: 2 },
      tokenTtlSeconds: 30,
      faults: { rate: 0.25, kinds: ["500", "drop"] },
    });
    expect(optionsFromEnv({ MOCK_PACE: "250" })).toEqual({ pace: 250 });
    expect(optionsFromEnv({})).toEqual({});
  });

  it.each([
    [{ MOCK_MODE: "stateful" }, 'MOCK_MODE must be simulation or static, not "stateful".'],
    [{ MOCK_PACE: "fast" }, 'MOCK_PACE must be poll or a whole number of milliseconds ≥ 1, not "fast".'],
    [{ MOCK_ROWS: "1e3x" }, 'MOCK_ROWS must be a whole number from 0 to 1000000, not "1e3x".'],
    [{ MOCK_FAULT_RATE: "half" }, 'MOCK_FAULT_RATE must be a number from 0 to 1, not "half".'],
    [
      { MOCK_FAULTS: "500,timeout" },
      'MOCK_FAULTS must be some of 500, 429, drop (comma-separated), not "500,timeout".',
    ],
  ])("refuses %o with one clear message", (env, message) => {
    expect(() => optionsFromEnv(env)).toThrow(message);
  });
});
