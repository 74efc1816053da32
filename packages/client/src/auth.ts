// How the client authenticates, in one vocabulary for `createReportingClient` and `createRawClient`: `{ clientId,
// clientSecret }`, `{ token }` or `{ username, password }`.

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

/**
 * The auth of {@link createRawClient}: credentials that become fixed headers, a bearer `{ token }` (a string) or the
 * legacy `{ username, password }` pair.
 */
export type StaticAuth = { token: string } | UsernamePasswordAuth;

/**
 * The former vocabulary of {@link createRawClient}'s `auth`, still accepted.
 * @deprecated Use `{ token }` instead of `{ type: "bearer", token }`, and `{ username, password }` instead of
 * `{ type: "legacy", username, password }`.
 */
export type RawAuth = { type: "bearer"; token: string } | { type: "legacy"; username: string; password: string };

/**
 * The headers for fixed credentials: `Authorization: Bearer <token>`, or the legacy `apiAccessKeyId` /
 * `apiSecretAccessKey` pair; none when `auth` is undefined.
 */
export function authHeaders(auth: StaticAuth | RawAuth | undefined): Record<string, string> {
  const { token, username, password } = (auth ?? {}) as { token?: string; username?: string; password?: string };
  return token !== undefined
    ? { Authorization: `Bearer ${token}` }
    : username !== undefined
      ? { apiAccessKeyId: username, apiSecretAccessKey: password as string }
      : {};
}
