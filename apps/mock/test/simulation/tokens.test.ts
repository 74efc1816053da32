import { describe, expect, it } from "vitest";
import { TokenStore } from "../../src/simulation/tokens.js";
import { manualClock } from "../support/http.js";

describe("TokenStore", () => {
  it("issues tokens that expire after their lifetime; tokens it never issued stay valid", () => {
    const clock = manualClock();
    const tokens = new TokenStore(60, clock.now);
    const issued = tokens.issue("client-1");
    expect(issued).toEqual({ token: expect.stringMatching(/^[0-9a-f]{32}$/), jti: expect.any(String), expiresIn: 60 });
    expect(tokens.check(issued.token)).toEqual({ kind: "valid", clientId: "client-1" });
    clock.advance(59_999);
    expect(tokens.check(issued.token).kind).toBe("valid");
    clock.advance(1);
    expect(tokens.check(issued.token)).toEqual({ kind: "expired" });
    expect(tokens.check("anything-else")).toEqual({ kind: "foreign" });
  });
});
