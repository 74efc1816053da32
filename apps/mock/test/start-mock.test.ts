import { connect, createServer } from "node:net";
import { exampleOf, loadConformance, seedRun } from "@zuora-reports/conformance";
import { afterEach, describe, expect, it } from "vitest";
import { defaultSpecPath, findFreePort, type MockServer, startMock } from "../src/index.js";
import { AUTH, call } from "./support/http.js";

const RUN_URL = `/reportruns/${seedRun().reportRunId}`;
const spec = loadConformance(defaultSpecPath);
const started: MockServer[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((mock) => mock.stop()));
});

/** Whether a TCP connection to the port is accepted or refused: decided by the OS's answer, not by a timer. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("startMock", () => {
  it("serves the simulation on a free loopback port once it resolves", async () => {
    const mock = await startMock();
    started.push(mock);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.mode).toBe("simulation");
    const reply = await call(mock, "GET", RUN_URL);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ success: true, response: { status: "COMPLETED" } });
  });

  it("stop() closes the port, and may be called twice", async () => {
    const mock = await startMock();
    expect(await accepts(mock.port)).toBe(true);
    await mock.stop();
    await mock.stop();
    expect(await accepts(mock.port)).toBe(false);
  });

  it("runs two mocks side by side, each with runs of its own", async () => {
    const [a, b] = await Promise.all([startMock({ preferExamples: false }), startMock({ preferExamples: false })]);
    started.push(a, b);
    expect(a.port).not.toBe(b.port);
    const run = await call(a, "POST", "/reports/r1/reportrun?viewType=Detail");
    const id = run.json.response.reportRunId;
    expect((await call(a, "GET", `/reportruns/${id}`)).status).toBe(200);
    expect((await call(b, "GET", `/reportruns/${id}`)).status).toBe(400);
  });

  it("says clearly when the port is taken", async () => {
    const port = await findFreePort();
    const blocker = createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    try {
      await expect(startMock({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
      await expect(startMock({ port, mode: "static" })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("names the document it cannot read; in static mode, in Prism's own words", async () => {
    await expect(startMock({ specPath: "/nonexistent/openapi.json" })).rejects.toThrow(
      /Cannot read the OpenAPI document \/nonexistent\/openapi.json/,
    );
    await expect(startMock({ mode: "static", specPath: "/nonexistent/openapi.json" })).rejects.toThrow(/Prism exited/);
  });

  it("refuses bad options before starting anything", async () => {
    await expect(startMock({ pace: -5 })).rejects.toThrow(/pace must be/);
    await expect(startMock({ mode: "dynamic" as "static" })).rejects.toThrow(
      /mode must be simulation or static, not "dynamic"/,
    );
  });
});

describe("the document's examples, still answered by Prism", () => {
  it("Prefer: example=… and __example return the example as the document has it", async () => {
    const mock = await startMock();
    started.push(mock);
    const expected = exampleOf(spec.operation("getReportRun"), 200, "started").value;
    const byHeader = await call(mock, "GET", RUN_URL, { headers: { ...AUTH, Prefer: "example=started" } });
    expect(byHeader.json).toEqual(expected);
    const byQuery = await call(mock, "GET", `${RUN_URL}?__example=started`);
    expect(byQuery.json).toEqual(expected);
  });

  it("Prefer: code=… returns the declared error; headers are this request's", async () => {
    const mock = await startMock();
    started.push(mock);
    const reply = await call(mock, "DELETE", RUN_URL, {
      headers: { ...AUTH, Prefer: "code=400, example=runFinished" },
    });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual(exampleOf(spec.operation("cancelReportRun"), 400, "runFinished").value);
    // Prism would send the header's example whether or not one was sent.
    expect(reply.headers.has("zuora-track-id")).toBe(false);
    expect(reply.headers.get("zuora-request-id")).not.toBe("5e0b2a0a-8d1c-4b53-9a2e-4c3f6b7d8e9f");
    const tracked = await call(mock, "GET", RUN_URL, {
      headers: { ...AUTH, Prefer: "code=429", "Zuora-Track-Id": "t-1" },
    });
    expect(tracked.status).toBe(429);
    expect(tracked.headers.get("zuora-track-id")).toBe("t-1");
    expect(tracked.headers.get("retry-after")).toBe("120");
  });

  it("without Prism (preferExamples: false), such a request is refused with a reason", async () => {
    const mock = await startMock({ preferExamples: false });
    started.push(mock);
    const reply = await call(mock, "GET", RUN_URL, { headers: { ...AUTH, Prefer: "example=started" } });
    expect(reply.status).toBe(400);
    expect(reply.json.message).toMatch(/preferExamples: false/);
  });

  it("mode static is Prism alone: every run is the example's", async () => {
    const mock = await startMock({ mode: "static" });
    started.push(mock);
    expect(mock.mode).toBe("static");
    const run = await call(mock, "POST", "/reports/r1/reportrun?viewType=Detail");
    expect(run.json).toEqual(exampleOf(spec.operation("runReport"), 200).value);
  });
});

describe("latency, over HTTP", () => {
  it("no header leaves before the delay is over; set live through /__admin/settings; never on /__admin/", async () => {
    const delays: number[] = [];
    let release = () => {};
    let began = () => {};
    const sleeping = () => new Promise<void>((resolve) => (began = resolve));
    const mock = await startMock({
      preferExamples: false,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          delays.push(ms);
          release = resolve;
          began();
        }),
    });
    started.push(mock);
    const patch = await call(mock, "PATCH", "/__admin/settings", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ latency: "getReportRun=200" }),
    });
    expect(patch.json.latency).toBe("getReportRun=200");
    let headers = false;
    const asleep = sleeping();
    const pending = fetch(mock.url + RUN_URL, { headers: AUTH }).then((response) => {
      headers = true;
      return response;
    });
    await asleep;
    expect(delays).toEqual([200]);
    // The server is holding the request: a control request meanwhile is answered at once, and not delayed.
    expect((await call(mock, "GET", "/__admin/runs")).status).toBe(200);
    expect(headers).toBe(false);
    release();
    expect((await pending).status).toBe(200);
    expect(delays).toEqual([200]);
  });
});
