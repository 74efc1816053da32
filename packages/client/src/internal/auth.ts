// Credentials → headers. OAuth tokens are cached, refreshed before they expire, and fetched once however many
// calls wait for one.
import {
  authHeaders,
  type ClientCredentialsAuth,
  type ReportingAuth,
  type TokenAuth,
  type UsernamePasswordAuth,
} from "../auth.js";
import { AuthenticationError, ZuoraError } from "../errors.js";
import { parseJson } from "./json.js";
import { raceAbort } from "./retry.js";
import type { AuthProvider, SendOptions, Sent } from "./transport.js";
import { checkAscii, fail } from "./validate.js";

/** Sends the token request (no auth of its own), with the client's timeout and retries. */
export type SendToken = (request: Request, options: SendOptions) => Promise<Sent>;

/** Whether `auth` is OAuth client credentials. */
export const isClientCredentials = (auth: unknown): auth is ClientCredentialsAuth =>
  typeof auth === "object" && auth !== null && "clientId" in auth;

// Credentials go into headers: check them up front, and never echo them in the message.
const secret = (value: unknown, name: string) => checkAscii(value, `auth.${name}`, 4096);

const bearer = (token: string) => authHeaders({ token });

/** Keeps the last few values, for redaction. */
const remember = (list: string[], value: string) => {
  if (!list.includes(value)) {
    list.push(value);
    list.splice(1, list.length - 5);
  }
  return value;
};

/**
 * Validates `auth` and returns the provider of its headers. OAuth tokens come from `tokenUrl`, requested with
 * `headers` (`Zuora-Track-Id` / `Zuora-Entity-Ids`, which the token endpoint also accepts) through `sendToken`.
 */
export function createAuth(
  auth: ReportingAuth,
  tokenUrl: string,
  headers: Record<string, string>,
  sendToken: SendToken,
): AuthProvider {
  const { token, username, password } = (auth ?? {}) as Partial<TokenAuth & UsernamePasswordAuth>;
  if (isClientCredentials(auth)) {
    return createOAuth(
      secret(auth.clientId, "clientId"),
      secret(auth.clientSecret, "clientSecret"),
      tokenUrl,
      headers,
      sendToken,
    );
  }
  if (typeof token === "function") {
    const seen = [""];
    return { headers: async () => bearer(remember(seen, secret(await token(), "token()"))), secrets: () => seen };
  }
  if (token !== undefined) {
    const value = secret(token, "token");
    const headers = bearer(value);
    return { headers: () => headers, secrets: () => [value] };
  }
  if (username !== undefined) {
    const value = secret(password, "password");
    const headers = authHeaders({ username: secret(username, "username"), password: value });
    return { headers: () => headers, secrets: () => [value] };
  }
  return fail("auth must be { clientId, clientSecret }, { token } or { username, password }.");
}

/**
 * Sends the client-credentials token request; resolves with the token and its lifetime in seconds. A refused client
 * id or secret is an `AuthenticationError`, whatever status the endpoint chose.
 */
async function requestToken(
  tokenUrl: string,
  form: Record<string, string>,
  headers: Record<string, string>,
  secrets: string[],
  sendToken: SendToken,
): Promise<[token: string, expiresIn: number]> {
  const prefix = `OAuth token request to ${tokenUrl} failed: `;
  const request = new Request(tokenUrl, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams(form),
  });
  // The token request has no side effects, so it is retried like a read.
  // The body is read within the request's timeout, like every method's.
  const { text = "" } = await sendToken(request, {
    throwOnError: true,
    errorPrefix: prefix,
    idempotent: true,
    secrets,
  }).catch((error: unknown) => {
    throw error instanceof ZuoraError && (error.status === 400 || error.status === 403)
      ? new AuthenticationError(error.message, error)
      : error;
  });
  const body = parseJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
  const token = body?.access_token;
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token)) {
    throw new AuthenticationError(`${prefix}the answer has no usable access_token.`);
  }
  // Five minutes when the answer does not say (or says nonsense).
  return [token, Math.max(Number(body?.expires_in), 0) || 300];
}

function createOAuth(
  clientId: string,
  clientSecret: string,
  tokenUrl: string,
  headers: Record<string, string>,
  sendToken: SendToken,
): AuthProvider {
  // The headers of the current token (the very object requests carry, so a 401 tells which token it refused).
  let cached: Record<string, string> | undefined;
  let refreshAt = 0;
  let pending: Promise<Record<string, string>> | undefined;
  const secrets = [clientSecret];
  const form = { client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" };

  async function fetchToken(): Promise<Record<string, string>> {
    const [token, expiresIn] = await requestToken(tokenUrl, form, headers, secrets, sendToken);
    // Refresh a minute early (a tenth of the lifetime for short-lived tokens): no request should carry a token that
    // expires in flight.
    refreshAt = Date.now() + (expiresIn - Math.min(60, expiresIn / 10)) * 1000;
    cached = bearer(remember(secrets, token));
    return cached;
  }

  return {
    headers(signal) {
      if (cached && Date.now() < refreshAt) {
        return cached;
      }
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      // One caller giving up must not cancel the token request the others wait for.
      return raceAbort(pending, signal);
    },
    refresh(used) {
      if (used === cached) {
        cached = undefined;
      }
      return true;
    },
    secrets: () => secrets,
  };
}
