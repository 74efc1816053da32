// Credentials → headers. OAuth tokens are cached, refreshed before they expire, and fetched once however many
// calls wait for one.
import { parseJson } from "./error-body.js";
import { AuthenticationError, ZuoraError } from "./errors.js";
import { raceAbort } from "./retry.js";
import type { AuthProvider, SendOptions, Sent } from "./transport.js";
import { checkAscii, fail } from "./validate.js";

/** OAuth client credentials: a token is fetched from `POST {origin}/oauth/token` and cached. */
export interface ClientCredentialsAuth {
  clientId: string;
  clientSecret: string;
}

/** A bearer token, or a function that returns one (called for every request, so it may rotate tokens). */
export interface TokenAuth {
  token: string | (() => string | Promise<string>);
}

/** The legacy `apiAccessKeyId` / `apiSecretAccessKey` header pair (the only auth legacy zconnect hosts accept). */
export interface UsernamePasswordAuth {
  username: string;
  password: string;
}

/** How the client authenticates. */
export type ReportingAuth = ClientCredentialsAuth | TokenAuth | UsernamePasswordAuth;

export interface OAuthContext {
  tokenUrl: string;
  /** Sends the token request (no auth of its own), with the client's timeout and retries. */
  send: (request: Request, options: SendOptions) => Promise<Sent>;
  /** `Zuora-Track-Id` / `Zuora-Entity-Ids`, which the token endpoint also accepts. */
  headers: Record<string, string>;
}

/** Whether `auth` is OAuth client credentials. */
export const isClientCredentials = (auth: unknown): auth is ClientCredentialsAuth =>
  typeof auth === "object" && auth !== null && "clientId" in auth;

// Credentials go into headers: check them up front, and never echo them in the message.
const secret = (value: unknown, name: string) => checkAscii(value, `auth.${name}`, 4096);

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Keeps the last few values, for redaction. */
const remember = (list: string[], value: string) => {
  if (!list.includes(value)) {
    list.push(value);
    list.splice(1, list.length - 5);
  }
  return value;
};

/** Validates `auth` and returns the provider of its headers. */
export function createAuth(auth: ReportingAuth, oauth: OAuthContext): AuthProvider {
  const { token, username, password } = (auth ?? {}) as Partial<TokenAuth & UsernamePasswordAuth>;
  if (isClientCredentials(auth)) {
    return createOAuth(secret(auth.clientId, "clientId"), secret(auth.clientSecret, "clientSecret"), oauth);
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
    const headers = { apiAccessKeyId: secret(username, "username"), apiSecretAccessKey: secret(password, "password") };
    return { headers: () => headers, secrets: () => [headers.apiSecretAccessKey] };
  }
  return fail("auth must be { clientId, clientSecret }, { token } or { username, password }.");
}

function createOAuth(clientId: string, clientSecret: string, context: OAuthContext): AuthProvider {
  let cached: { token: string; refreshAt: number; headers: Record<string, string> } | undefined;
  let pending: Promise<string> | undefined;
  const secrets = [clientSecret];
  const prefix = `OAuth token request to ${context.tokenUrl} failed: `;

  async function fetchToken(): Promise<string> {
    const request = new Request(context.tokenUrl, {
      method: "POST",
      headers: { ...context.headers, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" }),
    });
    // The token request has no side effects, so it is retried like a read.
    // The body is read within the request's timeout, like every method's.
    const { text = "" } = await context
      .send(request, { throwOnError: true, errorPrefix: prefix, idempotent: true, secrets })
      .catch((error: unknown) => {
        // A rejected client id or secret is an authentication failure, whatever status the endpoint chose.
        throw error instanceof ZuoraError && (error.status === 400 || error.status === 403)
          ? new AuthenticationError(error.message, error)
          : error;
      });
    const body = parseJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
    const token = body?.access_token;
    if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token)) {
      throw new AuthenticationError(`${prefix}the answer has no usable access_token.`);
    }
    const expiresIn = Number(body?.expires_in) > 0 ? Number(body?.expires_in) : 300;
    // Refresh a minute early (a tenth of the lifetime for short-lived tokens): no request should carry a token that
    // expires in flight.
    cached = {
      token: remember(secrets, token),
      refreshAt: Date.now() + (expiresIn - Math.min(60, expiresIn / 10)) * 1000,
      headers: bearer(token),
    };
    return token;
  }

  return {
    headers(signal) {
      if (cached && Date.now() < cached.refreshAt) {
        return cached.headers;
      }
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      // One caller giving up must not cancel the token request the others wait for.
      return raceAbort(pending, signal).then(bearer);
    },
    refresh(used) {
      if (used.Authorization === `Bearer ${cached?.token}`) {
        cached = undefined;
      }
      return true;
    },
    secrets: () => secrets,
  };
}
