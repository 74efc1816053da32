// What a Zuora tenant does that the mock now does too: examples (`Prefer`) authenticated and counted like any
// request, CORS that a browser accepts on every kind of answer, a challenge naming only what is accepted, and the
// last completed run kept per credential group.
import { exampleOf, loadConformance, seedRun } from "@zuora-reports/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSpecPath, type MockServer, startMock, type Violation } from "../../src/index.js";
import { call, manualClock, type Reply } from "../support/http.js";

const { reportRunId: SEED_ID, reportId: SEED_REPORT } = seedRun();
const spec = loadConformance(defaultSpecPath);
const clock = manualClock();
const violations: Violation[] = [];
let mock: MockServer;

beforeAll(async () => {
  mock = await startMock({ now: clock.now, rateLimit: { limit: 3 }, onViolation: (v) => violations.push(v) });
});

afterAll(async () => {
  await mock.stop();
  expect(violations).toEqual([]);
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("Prefer examples", () => {
  it("need credentials like any request", async () => {
    const reply = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: { Prefer: "example=started" } });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ message: "Authentication error" });
    const query = await call(mock, "GET", `/reportruns/${SEED_ID}?__example=started`, { headers: {} });
    expect(query.status).toBe(401);
  });

  it("count against the credential group's rate limit, and past it get the mock's 429", async () => {
    const headers = { ...bearer("examples"), Prefer: "example=started" };
    const first = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers });
    expect(first.json).toEqual(exampleOf(spec.operation("getReportRun"), 200, "started").value);
    expect(first.headers.get("ratelimit-remaining")).toBe("2");
    expect(first.headers.get("ratelimit-limit")).toBe("3, 3;w=60");
    const simulated = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: bearer("examples") });
    expect(simulated.headers.get("ratelimit-remaining")).toBe("1");
    expect((await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers })).headers.get("ratelimit-remaining")).toBe(
      "0",
    );
    const refused = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.json).toEqual(exampleOf(spec.operation("getReportRun"), 429).value);
  });
});

describe("Prefer examples' rate-limit headers", () => {
  it("come only on statuses the document declares them for (2xx, 429), not on an example 500", async () => {
    const headers = bearer("example-500");
    const failed = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: { ...headers, Prefer: "code=500" } });
    expect(failed.status).toBe(500);
    expect(failed.headers.has("ratelimit-reset")).toBe(false);
    const ok = await call(mock, "GET", `/reportruns/${SEED_ID}`, {
      headers: { ...headers, Prefer: "example=started" },
    });
    // The 500 was counted all the same.
    expect(ok.headers.get("ratelimit-remaining")).toBe("1");
  });
});

describe("CORS", () => {
  const ORIGIN = "https://reports.example.com";
  const expectEchoed = (reply: Reply, what: string) => {
    expect(reply.headers.get("access-control-allow-origin"), what).toBe(ORIGIN);
    expect(reply.headers.get("access-control-allow-credentials"), what).toBe("true");
    expect(reply.headers.get("vary"), what).toMatch(/\bOrigin\b/);
    expect(reply.headers.get("access-control-expose-headers"), what).toMatch(/RateLimit-Remaining/);
  };

  it("echoes the Origin, with credentials and Vary: Origin, on every kind of answer", async () => {
    const origin = { Origin: ORIGIN };
    const answers: [string, Reply][] = [
      ["simulated", await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: { ...bearer("cors"), ...origin } })],
      [
        "Prism's example",
        await call(mock, "GET", `/reportruns/${SEED_ID}`, {
          headers: { ...bearer("cors"), ...origin, Prefer: "example=started" },
        }),
      ],
      ["401", await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: origin })],
      ["404", await call(mock, "GET", "/nowhere", { headers: { ...bearer("cors"), ...origin } })],
      [
        "preflight",
        await call(mock, "OPTIONS", `/reportruns/${SEED_ID}`, {
          headers: {
            ...origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
          },
        }),
      ],
    ];
    const limited = { ...bearer("cors-429"), ...origin };
    for (let i = 0; i < 3; i++) {
      await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: limited });
    }
    answers.push(["429", await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: limited })]);
    expect(answers.map(([what, reply]) => [what, reply.status])).toEqual([
      ["simulated", 200],
      ["Prism's example", 200],
      ["401", 401],
      ["404", 404],
      ["preflight", 204],
      ["429", 429],
    ]);
    for (const [what, reply] of answers) {
      expectEchoed(reply, what);
    }
    const preflight = answers[4]?.[1];
    expect(preflight?.headers.get("access-control-allow-headers")).toBe("authorization");
  });

  it("without an Origin: any origin, and never credentials with it", async () => {
    for (const headers of [bearer("cors"), { ...bearer("cors"), Prefer: "example=started" }, {}]) {
      const reply = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers });
      expect(reply.headers.get("access-control-allow-origin")).toBe("*");
      expect(reply.headers.has("access-control-allow-credentials")).toBe(false);
    }
  });
});

describe("the 401's challenge", () => {
  it("names only the scheme the mock accepts", async () => {
    const reply = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: { Authorization: "Basic dTpw" } });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="Zuora API"');
  });
});

describe("the last completed run", () => {
  it("is each credential group's own; the document's published runs every group sees", async () => {
    const latest = (token: string, reportId: string) =>
      call(mock, "GET", `/reports/${reportId}/reportruns/latest`, { headers: bearer(token) });
    const run = async (token: string) =>
      (await call(mock, "POST", "/reports/shared-report/reportrun?viewType=Detail", { headers: bearer(token) })).json
        .response.reportRunId as string;
    const a = await run("group-a");
    clock.advance(3000);
    expect((await latest("group-a", "shared-report")).json.response.id).toBe(a);
    const unseen = await latest("group-b", "shared-report");
    expect(unseen.status).toBe(400);
    expect(unseen.text).toMatch(/has not run this report yet/);
    const b = await run("group-b");
    clock.advance(3000);
    expect((await latest("group-b", "shared-report")).json.response.id).toBe(b);
    expect((await latest("group-a", "shared-report")).json.response.id).toBe(a);
    expect((await latest("group-c", SEED_REPORT)).json.response.id).toBe(SEED_ID);
  });
});
