// The notes the API's own text must not carry (the mock, the client, which of Zuora's sources the spec follows) live
// in x- extensions. Title case and "descriptions speak of the API" are rules of the spec's linter
// (spec/redocly.yaml, rule/*), which fails the build; this checks that the notes were kept, not dropped.
import { describe, expect, it } from "vitest";
import { readSpec } from "./support/spec.js";

const spec = readSpec();

describe("the reference's text", () => {
  it("keeps the notes it moved out, in x-provenance and x-mock", () => {
    const raw = JSON.stringify(spec);
    expect(raw.match(/"x-provenance":/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(raw).toContain('"x-mock":');
  });
});
