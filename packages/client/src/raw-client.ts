import type { paths } from "@zuora-reports/types";
import openapiFetch, { type Client, type ClientOptions } from "openapi-fetch";

// The CJS build's Node-style interop hands over openapi-fetch's module object instead of its default export.
const createClient = (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;

/** How requests authenticate: a bearer token, or the legacy `apiAccessKeyId` / `apiSecretAccessKey` pair. */
export type RawAuth = { type: "bearer"; token: string } | { type: "legacy"; username: string; password: string };

export interface RawClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** Base URL including the server's base path, e.g. `https://rest.zuora.com/reporting/api/rest/v1`. */
  baseUrl: string;
  auth?: RawAuth;
}

/** The openapi-fetch client typed from the spec: `{ data, error, response }` for every operation. */
export type RawClient = Client<paths>;

/** Auth headers for `auth`; none when it is undefined. */
export function authHeaders(auth: RawAuth | undefined): Record<string, string> {
  if (!auth) {
    return {};
  }
  return auth.type === "bearer"
    ? { Authorization: `Bearer ${auth.token}` }
    : { apiAccessKeyId: auth.username, apiSecretAccessKey: auth.password };
}

/** Creates the typed openapi-fetch client for a base URL, with its auth headers set on every request. */
export function createRawClient({ baseUrl, auth, headers, ...rest }: RawClientOptions): RawClient {
  return createClient<paths>({
    ...rest,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: { ...authHeaders(auth), ...(headers as Record<string, string> | undefined) },
  });
}
