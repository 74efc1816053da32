// The saved reports the simulation knows, for Search by Report Name: the reports of the document's own search
// example (the first is the report whose run is the published Get Report Run example), then generated ones in their
// image. Any report id can still be run (the default scenario); these are the ones a search finds.
//
// Matching, as Zuora documents it and where it does not: words shorter than 3 letters are ignored; every other word
// must occur in the name, case-insensitively (Zuora does not say how words combine: requiring all of them is what
// makes "run the report named X" find X and not every report sharing one word). A query with no word of 3 letters
// finds nothing. `searchStart` skips matches, 50 per page. `orderBy` sorts on `name` and `updated_on` (also
// `created_on`); other fields are ignored, for Zuora does not publish which fields it sorts on and refusing one it
// accepts would mislead. Without `orderBy` the order is the catalogue's (stable, so paging is too). Without
// `namespace` the search covers every namespace but `ADVANCED` (Insights Analysis), which `namespace=ADVANCED`
// searches alone.
import { createHash } from "node:crypto";
import { type Conformance, exampleOf, type Json, type JsonObject } from "@zuora-reports/conformance";

/** The most reports one answer carries (Zuora: "50 per call"). */
export const SEARCH_PAGE_SIZE = 50;

/** The checked query parameters of one search. */
export interface SearchParams {
  query?: unknown;
  orderBy?: unknown;
  searchStart?: unknown;
  namespace?: unknown;
}

/** One page of matches, or what is wrong with the request (answered as Zuora's 400). */
export type SearchResult = { reports: JsonObject[]; count: number } | { problem: string };

/** The saved reports, and the search over them. */
export interface Catalogue {
  readonly reports: readonly JsonObject[];
  search(params: SearchParams): SearchResult;
}

// Generated reports: 10 data sources × 6 themes; 5 of the themes name the account, so a search for "account" spans
// two pages.
const DATA_SOURCES = [
  "Invoice",
  "Invoice Item",
  "Payment",
  "Refund",
  "Credit Memo",
  "Subscription",
  "Rate Plan Charge",
  "Usage",
  "Revenue Schedule",
  "Journal Entry",
] as const;
const THEMES: ReadonlyArray<readonly [(ds: string) => string, "Detail" | "Summary"]> = [
  [(ds) => `${ds} by Account`, "Detail"],
  [(ds) => `${ds} by Account and Currency`, "Summary"],
  [(ds) => `Top Accounts by ${ds}`, "Summary"],
  [(ds) => `${ds} per Account per Month`, "Summary"],
  [(ds) => `${ds} Detail with Account Owner`, "Detail"],
  [(ds) => `${ds} Changes This Quarter`, "Detail"],
];
/** Reports of other shapes: two with one name (the UI allows it), and Insights Analysis reports. */
const OTHERS: ReadonlyArray<{ name: string; type: "Detail" | "Summary"; datasource: string; namespace?: string }> = [
  { name: "Monthly Revenue Summary", type: "Summary", datasource: "Revenue Schedule" },
  { name: "Monthly Revenue Summary", type: "Summary", datasource: "Journal Entry" },
  { name: "Churn Risk by Account", type: "Summary", datasource: "Subscription", namespace: "ADVANCED" },
  { name: "Customer Lifetime Value", type: "Summary", datasource: "Account", namespace: "ADVANCED" },
];
const CREATORS = ["jane.doe@example.com", "sam.lee@example.com", "ana.ruiz@example.com"];
const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 8, 9, 30);

/** A timestamp as Zuora's reports show them: ISO 8601 with an offset without a colon. */
const isoOf = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");
/** Milliseconds of such a timestamp (`-0800` read as `-08:00`); epoch milliseconds as they are. */
const msOf = (value: Json | undefined): number =>
  typeof value === "number" ? value : Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));

/** `values` in the keys and order of `template`; keys it lacks come after. */
function inOrderOf(template: JsonObject, values: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const key of [...Object.keys(template), ...Object.keys(values)]) {
    if (key in values && !(key in result)) {
      result[key] = values[key] as Json;
    }
  }
  return result;
}

/** The generated reports, in the shape of the document's first example report. */
function generated(template: JsonObject, firstNumber: number): JsonObject[] {
  const specs = [
    ...DATA_SOURCES.flatMap((datasource) =>
      THEMES.map(([name, type]) => ({ name: name(datasource), type, datasource, namespace: undefined })),
    ),
    ...OTHERS,
  ];
  return specs.map(({ name, type, datasource, namespace }, index) => {
    const created = EPOCH + index * 3 * DAY;
    return inOrderOf(template, {
      // The same name (Monthly Revenue Summary) twice must still give two ids.
      id: createHash("sha256").update(`${index}|${name}`).digest("hex").slice(0, 32),
      name,
      number: `R-${String(firstNumber + index).padStart(8, "0")}`,
      description: `${type === "Detail" ? "Every record" : "Totals"} of ${datasource}: ${name.toLowerCase()}.`,
      type,
      datasource: datasource.replaceAll(" ", ""),
      dsName: datasource,
      namespace: namespace ?? "DEFAULT",
      definition: "...",
      creator: CREATORS[index % CREATORS.length] as string,
      createdOn: isoOf(created),
      updatedOn: isoOf(created + ((index * 7) % 40) * DAY),
      shared: index % 4 !== 0,
      favorite: index % 9 === 0,
      hidden: false,
    });
  });
}

/** The words a query searches for: 3 letters or more, lower case. */
export const searchWords = (query: string): string[] =>
  query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length >= 3);

const SORTABLE: Readonly<Record<string, (report: JsonObject) => string | number>> = {
  name: (report) => String(report.name).toLowerCase(),
  updated_on: (report) => msOf(report.updatedOn),
  created_on: (report) => msOf(report.createdOn),
};

/** The sort keys of `orderBy` (JSON text), or what is wrong with it. */
function sortKeys(orderBy: unknown): { keys: { field: string; ascend: boolean }[] } | { problem: string } {
  if (orderBy === undefined) {
    return { keys: [] };
  }
  const usage = `orderBy must be JSON text such as [{"field": "updated_on", "ascend": "true"}]`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(orderBy));
  } catch {
    return { problem: `${usage}, got ${JSON.stringify(orderBy).slice(0, 80)}` };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const keys: { field: string; ascend: boolean }[] = [];
  for (const entry of list) {
    const { field, ascend = "true" } = (entry ?? {}) as { field?: unknown; ascend?: unknown };
    if (typeof field !== "string" || !["true", "false", true, false].includes(ascend as string)) {
      return { problem: `${usage}: each entry needs a field and an ascend of "true" or "false"` };
    }
    keys.push({ field, ascend: String(ascend) === "true" });
  }
  return { keys };
}

/** The catalogue: the document's example reports of Search by Report Name, then the generated ones. */
export function createCatalogue(spec: Conformance): Catalogue {
  const published = exampleOf(spec.operation("searchReports"), 200).value as { response?: { reports?: Json[] } };
  const seeds = (published.response?.reports ?? []) as JsonObject[];
  const template = seeds[0];
  if (!template) {
    throw new Error("The OpenAPI document's first searchReports example lists no report to build the catalogue on.");
  }
  const reports: readonly JsonObject[] = [...seeds, ...generated(template, seeds.length + 1)];
  return {
    reports,
    search({ query, orderBy, searchStart, namespace }) {
      const sorting = sortKeys(orderBy);
      if ("problem" in sorting) {
        return sorting;
      }
      const words = searchWords(String(query ?? ""));
      const space = namespace === undefined ? undefined : String(namespace);
      const matches = reports.filter(
        (report) =>
          words.length > 0 &&
          (space === undefined ? report.namespace !== "ADVANCED" : report.namespace === space) &&
          words.every((word) => String(report.name).toLowerCase().includes(word)),
      );
      const keys = sorting.keys.filter(({ field }) => field in SORTABLE);
      // Array.prototype.sort is stable: equal keys keep the catalogue's order.
      matches.sort((a, b) => {
        for (const { field, ascend } of keys) {
          const key = SORTABLE[field] as (report: JsonObject) => string | number;
          const [x, y] = [key(a), key(b)];
          if (x !== y) {
            return (x < y ? -1 : 1) * (ascend ? 1 : -1);
          }
        }
        return 0;
      });
      const start = Number(searchStart ?? 0);
      const page = matches.slice(start, start + SEARCH_PAGE_SIZE);
      return { reports: page, count: page.length };
    },
  };
}
