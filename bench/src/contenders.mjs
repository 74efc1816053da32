// @ts-check
// The four ways of making the same call, GET /reportruns/{id} with a bearer token, each returning the parsed run.
import axios from "axios";
import createClient from "openapi-fetch";
import { RUN_ID, TOKEN } from "./fixtures.mjs";

/**
 * @typedef {{ id: string, status: string }} RunLike
 * @typedef {{ name: string, call: (id?: string) => Promise<RunLike> }} Contender
 * @typedef {(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>} FetchLike
 */

export const PLAIN = "plain fetch + JSON.parse";
export const OPENAPI_FETCH = "openapi-fetch (bare)";
export const AXIOS = "axios (fetch adapter)";
export const CLIENT = "@zuora-reports/client";

/**
 * Builds every contender against one base URL and one fetch implementation.
 * @param {string} baseUrl base URL including the base path, no trailing slash
 * @param {FetchLike} fetchImpl
 * @returns {Promise<Contender[]>}
 */
export async function makeContenders(baseUrl, fetchImpl) {
  const headers = { Authorization: `Bearer ${TOKEN}` };

  /** @type {Contender} */
  const plain = {
    name: PLAIN,
    async call(id = RUN_ID) {
      const res = await fetchImpl(`${baseUrl}/reportruns/${encodeURIComponent(id)}`, { headers });
      if (!res.ok) {
        throw new Error(`plain fetch: HTTP ${res.status}`);
      }
      return JSON.parse(await res.text()).response;
    },
  };

  /** @type {import("openapi-fetch").Client<import("@zuora-reports/types").paths>} */
  const bare = createClient({ baseUrl, fetch: fetchImpl, headers });
  /** @type {Contender} */
  const openapiFetch = {
    name: OPENAPI_FETCH,
    async call(id = RUN_ID) {
      const { data, error, response } = await bare.GET("/reportruns/{reportRunId}", {
        params: { path: { reportRunId: id } },
      });
      if (error !== undefined || !data) {
        throw new Error(`openapi-fetch: HTTP ${response.status}`);
      }
      return data.response;
    },
  };

  // The fetch adapter with `env.fetch` sends axios through the very same fetch as everyone else.
  const ax = axios.create({ baseURL: baseUrl, adapter: "fetch", env: { fetch: fetchImpl }, headers });
  /** @type {Contender} */
  const axiosContender = {
    name: AXIOS,
    async call(id = RUN_ID) {
      const res = await ax.get(`/reportruns/${encodeURIComponent(id)}`);
      return res.data.response;
    },
  };

  return [plain, openapiFetch, await clientContender(baseUrl, fetchImpl), axiosContender];
}

/**
 * Our client with its defaults (retries, timeout), as a user would create it.
 * @param {string} baseUrl
 * @param {FetchLike} fetchImpl
 * @returns {Promise<Contender>}
 */
export async function clientContender(baseUrl, fetchImpl) {
  const { createReportingClient } = await importClient();
  const client = createReportingClient({ baseUrl, auth: { token: TOKEN }, fetch: fetchImpl });
  return {
    name: CLIENT,
    call: (id = RUN_ID) => client.getReportRun(id),
  };
}

/** Imports the built client, with a clear message when it has not been built. */
export async function importClient() {
  const hint = "Build it first: pnpm --filter @zuora-reports/bench... build";
  /** @type {typeof import("@zuora-reports/client")} */
  let mod;
  try {
    mod = await import("@zuora-reports/client");
  } catch (err) {
    throw new Error(`Cannot load @zuora-reports/client (${err instanceof Error ? err.message : String(err)}). ${hint}`);
  }
  if (typeof mod.createReportingClient !== "function") {
    throw new Error(`@zuora-reports/client does not export createReportingClient. ${hint}`);
  }
  return mod;
}

/**
 * Calls each contender once and checks it returns the run asked for, so a broken contender fails loudly
 * instead of being timed.
 * @param {Contender[]} contenders
 */
export async function verifyContenders(contenders) {
  for (const c of contenders) {
    const run = await c.call();
    if (run?.id !== RUN_ID) {
      throw new Error(`${c.name} returned ${JSON.stringify(run)} instead of run ${RUN_ID}`);
    }
  }
}
