import type { paths } from "@zuora-reports/types";
import openapiFetch, { type Client, type ClientOptions } from "openapi-fetch";
import { authHeaders, type RawAuth, type StaticAuth } from "./auth.js";

// The CJS build's Node-style interop hands over openapi-fetch's module object instead of its default export.
const createClient = (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;

export interface RawClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** Base URL including the server's base path, e.g. `https://rest.zuora.com/reporting/api/rest/v1`. */
  baseUrl: string;
  /**
   * `{ token }` (sent as `Authorization: Bearer …`) or `{ username, password }` (the legacy header pair), as for
   * `createReportingClient`; the former `{ type: "bearer" | "legacy", … }` forms are still accepted (deprecated).
   */
  auth?: StaticAuth | RawAuth;
}

/** The openapi-fetch client typed from the spec: `{ data, error, response }` for every operation. */
export type RawClient = Client<paths>;

/** Creates the typed openapi-fetch client for a base URL, with its auth headers set on every request. */
export function createRawClient({ baseUrl, auth, headers, ...rest }: RawClientOptions): RawClient {
  return createClient<paths>({
    ...rest,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: { ...authHeaders(auth), ...(headers as Record<string, string> | undefined) },
  });
}
