export type * from "@zuora-reports/types";
export { authHeaders, createRawClient, type RawAuth, type RawClient, type RawClientOptions } from "./raw-client.js";
