import { describe, expect, it } from "vitest";
import { resolveConnection } from "../src/connection.js";
import { UsageError } from "../src/exit-codes.js";

const TOKEN = { ZUORA_TOKEN: "tok-123" };

describe("resolveConnection", () => {
  it("uses --base-url over --env, and flags over ZUORA_* variables", () => {
    const both = resolveConnection({ baseUrl: "http://127.0.0.1:4010", env: "us-sandbox" }, TOKEN);
    expect(both.options).toMatchObject({ baseUrl: "http://127.0.0.1:4010" });
    expect(both.options).not.toHaveProperty("environment");

    const flagEnv = resolveConnection({ env: "eu-sandbox" }, { ...TOKEN, ZUORA_BASE_URL: "http://example.test" });
    expect(flagEnv.options).toMatchObject({ environment: "eu-sandbox" });
    expect(flagEnv.target).toBe("https://rest.sandbox.eu.zuora.com/reporting/api/rest/v1");

    const fromVars = resolveConnection({}, { ...TOKEN, ZUORA_ENV: "us-sandbox", ZUORA_BASE_URL: "http://b.test/x/" });
    expect(fromVars.options).toMatchObject({ baseUrl: "http://b.test/x/" });
    expect(fromVars.target).toBe("http://b.test/x");

    expect(resolveConnection({}, { ...TOKEN, ZUORA_ENV: "US-Sandbox" }).options).toMatchObject({
      environment: "us-sandbox",
    });
  });

  it.each([
    [{}, TOKEN, /No Zuora server given/],
    [{ env: "mars-production" }, TOKEN, /unknown environment "mars-production"\. Known: us-production, /],
    [{ baseUrl: "rest.zuora.com" }, TOKEN, /--base-url must be an http\(s\) URL/],
    [{ baseUrl: "ftp://rest.zuora.com" }, TOKEN, /--base-url must be an http\(s\) URL/],
    [{ baseUrl: "https://user:pw@rest.zuora.com" }, TOKEN, /must not contain credentials/],
    [{ env: "us-sandbox" }, {}, /No credentials: set ZUORA_CLIENT_ID and ZUORA_CLIENT_SECRET/],
    [{ env: "us-sandbox" }, { ZUORA_CLIENT_ID: "id" }, /ZUORA_CLIENT_SECRET is not set/],
    [{ env: "us-sandbox" }, { ZUORA_PASSWORD: "pw" }, /ZUORA_USERNAME is not set/],
    [{ env: "us-sandbox", trackId: "a:b" }, TOKEN, /--track-id must be at most 64 US-ASCII/],
    [{ env: "us-sandbox", header: ["NoColon"] }, TOKEN, /-H\/--header expects "Name: value"/],
    [{ env: "us-sandbox", header: ["Bad Name: x"] }, TOKEN, /-H\/--header expects/],
  ])("rejects %j with %j as a usage error", (flags, env, message) => {
    expect(() => resolveConnection(flags, env)).toThrow(UsageError);
    expect(() => resolveConnection(flags, env)).toThrow(message);
  });

  it("picks OAuth client credentials first, then a token, then the legacy pair", () => {
    const all = {
      ZUORA_CLIENT_ID: "cid",
      ZUORA_CLIENT_SECRET: "csecret",
      ZUORA_TOKEN: "tok-123",
      ZUORA_USERNAME: "u",
      ZUORA_PASSWORD: "pass",
    };
    expect(resolveConnection({ env: "us-sandbox" }, all).options.auth).toEqual({
      clientId: "cid",
      clientSecret: "csecret",
    });
    expect(
      resolveConnection({ env: "us-sandbox" }, { ...all, ZUORA_CLIENT_ID: "", ZUORA_CLIENT_SECRET: " " }).options.auth,
    ).toEqual({
      token: "tok-123",
    });
    expect(
      resolveConnection({ env: "us-sandbox" }, { ZUORA_USERNAME: "u", ZUORA_PASSWORD: "pass" }).options.auth,
    ).toEqual({
      username: "u",
      password: "pass",
    });
  });

  it("passes entity, track id and -H headers to the client, and lists secrets to scrub", () => {
    const connection = resolveConnection(
      {
        baseUrl: "http://127.0.0.1:4010",
        entityId: "ent-1",
        trackId: "nightly-42",
        header: ["Prefer: example=started", "Proxy-Authorization: Basic c2VjcmV0"],
      },
      { ZUORA_CLIENT_ID: "cid", ZUORA_CLIENT_SECRET: "csecret" },
    );
    expect(connection.options).toMatchObject({
      entityId: "ent-1",
      trackId: "nightly-42",
      headers: { Prefer: "example=started", "Proxy-Authorization": "Basic c2VjcmV0" },
    });
    expect(connection.secrets).toEqual(["csecret", "Basic c2VjcmV0"]);
  });

  it("takes the entity and track id from ZUORA_ENTITY_ID / ZUORA_TRACK_ID when no flag is given", () => {
    const connection = resolveConnection(
      { env: "us-sandbox" },
      { ...TOKEN, ZUORA_ENTITY_ID: "ent-2", ZUORA_TRACK_ID: "t-2" },
    );
    expect(connection.options).toMatchObject({ entityId: "ent-2", trackId: "t-2" });
  });
});
