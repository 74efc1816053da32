// searchReports' types: awaited it is one page, iterated it is the reports, and its options are checked.
import { describe, expectTypeOf, it } from "vitest";
import type { ReportingClient, ReportSearchResult, ReportSummary } from "../src/index.js";

declare const client: ReportingClient;

describe("searchReports", () => {
  it("awaits to one page and iterates over reports", async () => {
    const search = client.searchReports("invoice");
    expectTypeOf(await search).toEqualTypeOf<ReportSearchResult>();
    expectTypeOf((await search).nextStart).toEqualTypeOf<number | undefined>();
    for await (const report of search) {
      expectTypeOf(report).toEqualTypeOf<ReportSummary>();
      expectTypeOf(report.id).toEqualTypeOf<string>();
    }
  });

  it("takes sort keys or Zuora's text, and refuses other shapes", () => {
    client.searchReports("invoice", { orderBy: [{ field: "updated_on", ascend: false }], start: 50 });
    client.searchReports("invoice", { orderBy: '[{"field": "name", "ascend": "true"}]', namespace: "ADVANCED" });
    // @ts-expect-error Zuora's ascend is a flag here; the client writes the string Zuora expects.
    client.searchReports("invoice", { orderBy: [{ field: "name", ascend: "true" }] });
    // @ts-expect-error searchStart is `start`, a number.
    client.searchReports("invoice", { start: "50" });
  });
});
