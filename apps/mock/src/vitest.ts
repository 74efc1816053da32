// A vitest globalSetup shared by every suite that needs the mock: one mock (the simulation, on its defaults, with
// Prism for `Prefer` examples) per test run, its URL handed to the tests as `inject("mockUrl")`. Use it with
// `globalSetup: ["@zuora-reports/mock/vitest"]`.
import type { TestProject } from "vitest/node";
import { startMock } from "./index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the run's mock, e.g. `http://127.0.0.1:40123`. */
    mockUrl: string;
  }
}

/** Starts one mock for the test run and provides its URL as `mockUrl`; returns its teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock();
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
