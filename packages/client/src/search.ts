// Search by Report Name: one page of reports, or (iterated) every page, 50 reports per call.
import type { ReportSearchPage, ReportSummary } from "@zuora-reports/types";
import { ZuoraApiError } from "./errors.js";
import { type Answer, type APIPromise, apiPromise } from "./internal/api-promise.js";
import { type Context, checkRequestOptions, payload } from "./internal/call.js";
import { SHAPES, shapeProblem } from "./internal/shapes.js";
import { checkAscii, checkNumber, fail } from "./internal/validate.js";
import type { RequestOptions } from "./options.js";

/** The most reports one call of Search by Report Name returns; a shorter page is the last. */
export const SEARCH_PAGE_SIZE = 50;

/** One sort key of {@link SearchReportsOptions.orderBy}, e.g. `{ field: "updated_on", ascend: false }`. */
export interface SearchOrder {
  /** The field to sort on, as Zuora names it (e.g. `updated_on`, `name`). */
  field: string;
  /** Ascending unless `false`. */
  ascend?: boolean;
}

/** Options of {@link ReportingClient.searchReports}. */
export interface SearchReportsOptions extends RequestOptions {
  /** The sort order: sort keys, or Zuora's own JSON text (`[{"field": "updated_on", "ascend": "true"}]`). */
  orderBy?: string | readonly SearchOrder[];
  /** How many matches to skip (`searchStart`; default 0). Iterating goes on from here. */
  start?: number;
  /** The reports' namespace: `ADVANCED` for Insights Analysis. */
  namespace?: string;
}

/** One page of a search: at most {@link SEARCH_PAGE_SIZE} reports. */
export interface ReportSearchResult extends ReportSearchPage {
  /** The `start` of the next page; absent when this page is the last (fewer than 50 reports). */
  nextStart?: number;
}

/**
 * What {@link ReportingClient.searchReports} returns: awaited, the first page; iterated with `for await`, every
 * matching report, one page in memory at a time, until a page has fewer than 50 reports.
 */
export type ReportSearch = APIPromise<ReportSearchResult> & AsyncIterable<ReportSummary>;

/** Zuora's `orderBy` text: sort keys become `[{"field": …, "ascend": "true"}]` (Zuora's flag is a string). */
function orderByText(orderBy: SearchReportsOptions["orderBy"]): string | undefined {
  if (orderBy === undefined || typeof orderBy === "string") {
    return orderBy === undefined || orderBy.trim() ? orderBy : fail("orderBy must not be empty.");
  }
  if (!Array.isArray(orderBy) || orderBy.length === 0) {
    return fail("orderBy must be Zuora's JSON text or a non-empty array of { field, ascend }.");
  }
  const keys = orderBy.map(({ field, ascend = true }: SearchOrder) =>
    typeof field === "string" && field && typeof ascend === "boolean"
      ? { field, ascend: String(ascend) }
      : fail("each orderBy entry needs a non-empty field and an optional boolean ascend."),
  );
  return JSON.stringify(keys);
}

/** The reports' id and name are what a caller picks a report by: a report without them is an answer off the spec. */
function checkReports(page: ReportSearchPage): void {
  page.reports.forEach((report, index) => {
    const problem = shapeProblem(report, { id: "string", name: "string" });
    if (problem) {
      throw new ZuoraApiError(`200: Zuora's answer is ${problem.replace("response", `response.reports[${index}]`)}.`, {
        status: 200,
      });
    }
  });
}

/** Searches the saved reports by name; see {@link ReportingClient.searchReports}. */
export function searchReports(context: Context, query: string, options: SearchReportsOptions = {}): ReportSearch {
  // Filled in by the first page's call: the iterator asks for the next pages with the same options.
  let fixed: Fixed | undefined;
  const result = apiPromise(async (answer) => {
    if (typeof query !== "string" || !query.trim()) {
      fail(`query must be a non-empty string, got ${JSON.stringify(query)}.`);
    }
    const { orderBy, start = 0, namespace } = options ?? {};
    fixed = {
      orderBy: orderByText(orderBy),
      namespace: namespace === undefined ? undefined : checkAscii(namespace, "namespace", 64),
      requestOptions: checkRequestOptions(options),
    };
    return getPage(context, query, checkNumber(start, "start", 0), fixed, answer);
  }) as ReportSearch;
  // A caller who only iterates never awaits `result`: its failure reaches them through the iterator instead.
  result.catch(() => undefined);
  result[Symbol.asyncIterator] = async function* () {
    let page: ReportSearchResult | undefined = await result;
    const same = fixed as Fixed;
    let previous: string | undefined;
    while (page) {
      // A server that ignores searchStart would answer the same full page forever.
      if (page.reports[0]?.id === previous) {
        return;
      }
      previous = page.reports[0]?.id;
      yield* page.reports;
      page = page.nextStart === undefined ? undefined : await getPage(context, query, page.nextStart, same);
    }
  };
  return result;
}

interface Fixed {
  orderBy: string | undefined;
  namespace: string | undefined;
  requestOptions: RequestOptions;
}

async function getPage(
  context: Context,
  query: string,
  start: number,
  fixed: Fixed,
  answer?: Answer,
): Promise<ReportSearchResult> {
  const { orderBy, namespace, requestOptions } = fixed;
  const page = await payload<ReportSearchPage>(
    context,
    requestOptions,
    SHAPES.searchReports,
    (init) =>
      // openapi-fetch leaves undefined parameters out of the query.
      context.raw.GET("/reports/search", {
        params: { query: { query, orderBy, searchStart: String(start), namespace } },
        ...init,
      }),
    answer,
  );
  checkReports(page);
  const full = page.reports.length >= SEARCH_PAGE_SIZE;
  return full ? { ...page, nextStart: start + page.reports.length } : page;
}
