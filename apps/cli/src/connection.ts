// Turns global flags and ZUORA_* variables into the client's options. Flags win over variables; a base URL wins
// over an environment preset given the same way (as in the client).
import { type Environment, environments, isTrackId, type ReportingClientOptions } from "@zuora-reports/client";
import { UsageError } from "./exit-codes.js";
import { parseHeader } from "./validate.js";

/** The global flags that shape the connection. */
export interface ConnectionFlags {
  env?: string;
  baseUrl?: string;
  entityId?: string;
  trackId?: string;
  header?: string[];
  /** Retries of a failed request (429, 5xx, network), already parsed. */
  maxRetries?: number;
  /** Timeout of each request in ms, already parsed. */
  requestTimeout?: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface Connection {
  options: ReportingClientOptions;
  /** Where requests go, for messages (origin and path, never credentials). */
  target: string;
  /** Credential values to scrub from anything printed, whatever its origin. */
  secrets: string[];
}

const CREDENTIALS_HELP =
  "set ZUORA_CLIENT_ID and ZUORA_CLIENT_SECRET (OAuth client), or ZUORA_TOKEN (bearer token), or ZUORA_USERNAME and ZUORA_PASSWORD";

/** Resolves flags and environment variables into client options; throws UsageError on anything missing or bad. */
export function resolveConnection(flags: ConnectionFlags, env: Env): Connection {
  const target = resolveServer(flags, env);
  const { auth, secrets } = resolveAuth(env);
  const headers: Record<string, string> = {};
  for (const text of flags.header ?? []) {
    const [name, value] = parseHeader(text);
    headers[name] = value;
    // A header given by hand may carry a credential (a proxy's, say): never print it either.
    if (/^(authorization|proxy-authorization|apisecretaccesskey|cookie)$/i.test(name)) {
      secrets.push(value);
    }
  }
  const entityId = nonEmpty(flags.entityId) ?? nonEmpty(env.ZUORA_ENTITY_ID);
  const trackId = nonEmpty(flags.trackId) ?? nonEmpty(env.ZUORA_TRACK_ID);
  if (trackId !== undefined && !isTrackId(trackId)) {
    throw new UsageError("--track-id must be at most 64 US-ASCII characters, none of : ; \" '.");
  }
  const options: ReportingClientOptions = {
    ...target.option,
    auth,
    ...(entityId === undefined ? {} : { entityId }),
    ...(trackId === undefined ? {} : { trackId }),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(flags.maxRetries === undefined ? {} : { maxRetries: flags.maxRetries }),
    ...(flags.requestTimeout === undefined ? {} : { timeoutMs: flags.requestTimeout }),
  };
  return { options, target: target.url, secrets: secrets.filter((secret) => secret.length >= 4) };
}

type ServerOption = { baseUrl: string } | { environment: Environment };

function resolveServer(flags: ConnectionFlags, env: Env): { option: ServerOption; url: string } {
  const baseUrl = nonEmpty(flags.baseUrl);
  if (baseUrl !== undefined) {
    return fromBaseUrl(baseUrl, "--base-url");
  }
  const preset = nonEmpty(flags.env);
  if (preset !== undefined) {
    return fromPreset(preset, "--env");
  }
  const envBaseUrl = nonEmpty(env.ZUORA_BASE_URL);
  if (envBaseUrl !== undefined) {
    return fromBaseUrl(envBaseUrl, "ZUORA_BASE_URL");
  }
  const envPreset = nonEmpty(env.ZUORA_ENV);
  if (envPreset !== undefined) {
    return fromPreset(envPreset, "ZUORA_ENV");
  }
  throw new UsageError(
    "No Zuora server given: pass --env <preset> (see `zuora-reports environments`) or --base-url <url>, or set ZUORA_ENV or ZUORA_BASE_URL.",
  );
}

function fromBaseUrl(text: string, source: string): { option: ServerOption; url: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${source} must be an http(s) URL such as https://rest.zuora.com/reporting/api/rest/v1.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${source} must be an http(s) URL such as https://rest.zuora.com/reporting/api/rest/v1.`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new UsageError(`${source} must not contain credentials; use the ZUORA_* variables for them.`);
  }
  return { option: { baseUrl: text }, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

function fromPreset(name: string, source: string): { option: ServerOption; url: string } {
  const server = environments.find((candidate) => candidate.environment === name.trim().toLowerCase());
  if (!server) {
    throw new UsageError(
      `${source}: unknown environment "${name.slice(0, 40)}". Known: ${environments.map((e) => e.environment).join(", ")}.`,
    );
  }
  return { option: { environment: server.environment }, url: server.url };
}

function resolveAuth(env: Env): { auth: ReportingClientOptions["auth"]; secrets: string[] } {
  const clientId = nonEmpty(env.ZUORA_CLIENT_ID);
  const clientSecret = nonEmpty(env.ZUORA_CLIENT_SECRET);
  const token = nonEmpty(env.ZUORA_TOKEN);
  const username = nonEmpty(env.ZUORA_USERNAME);
  const password = nonEmpty(env.ZUORA_PASSWORD);
  if (clientId !== undefined || clientSecret !== undefined) {
    if (clientId === undefined || clientSecret === undefined) {
      throw new UsageError(
        `${clientId === undefined ? "ZUORA_CLIENT_ID" : "ZUORA_CLIENT_SECRET"} is not set: an OAuth client needs both ZUORA_CLIENT_ID and ZUORA_CLIENT_SECRET.`,
      );
    }
    return { auth: { clientId, clientSecret }, secrets: [clientSecret] };
  }
  if (token !== undefined) {
    return { auth: { token }, secrets: [token] };
  }
  if (username !== undefined || password !== undefined) {
    if (username === undefined || password === undefined) {
      throw new UsageError(
        `${username === undefined ? "ZUORA_USERNAME" : "ZUORA_PASSWORD"} is not set: the legacy login needs both ZUORA_USERNAME and ZUORA_PASSWORD.`,
      );
    }
    return { auth: { username, password }, secrets: [password] };
  }
  throw new UsageError(`No credentials: ${CREDENTIALS_HELP}.`);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
