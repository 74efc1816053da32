// What the spec leaves open, measured: the export's encoding and layout, what offset=1 skips, the timestamp forms,
// the rate-limit headers. Findings inform; they never make a response non-conforming.

import { declaredCharsetOf } from "@zuora-reports/client";
import { csvLayout, delimiterName, parseCsv } from "./csv.js";
import { isRecord, payload } from "./lenient.js";
import type { RecordedExchange } from "./recorder.js";
import type { DataPage, WalkResult } from "./walk.js";

export interface Finding {
  /** What was measured, e.g. `export delimiter`. */
  topic: string;
  /** What came back. */
  seen: string;
  /** What the spec documents for it, when it says something. */
  documented?: string;
  /** Whether `seen` differs from `documented`. */
  differs: boolean;
}

// What the spec's prose documents (spec/components/responses/ExportCsv.yaml, parameters/Offset.yaml, the
// Timestamp schema and the RateLimit-* headers); the schemas cannot say it.
const DOCUMENTED = {
  contentType: "text/csv;charset=utf-16",
  encoding: "UTF-16LE",
  delimiter: "tab",
  offset: "offset 1 for the first page; unclear whether it skips a record",
  timestamps: "epoch milliseconds or ISO 8601 with an offset",
  rateLimit: "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (optional)",
} as const;

/** The findings of a walk, from its recorded exchanges (those sent to a wrong base URL left out). */
export function findingsOf(result: WalkResult, exchanges: readonly RecordedExchange[]): Finding[] {
  const findings: Finding[] = [];
  if (result.basePath) {
    findings.push({
      topic: "base path",
      seen: `404 at ${result.basePath.given}; the API answers at ${result.basePath.found} (checked there)`,
      documented: "base URLs include the base path, e.g. https://rest.zuora.com/reporting/api/rest/v1",
      differs: true,
    });
  }
  if (result.run && result.run.statuses.length > 0) {
    findings.push({ topic: "run statuses", seen: result.run.statuses.join(" → "), differs: false });
  }
  for (const { pivoted, exchange } of result.exports) {
    const recorded = exchanges[exchange];
    if (recorded && recorded.status === 200) {
      findings.push(...exportFindings(recorded, pivoted ? "pivoted export" : "export"));
    }
  }
  const firstExport = result.exports.find((e) => !e.pivoted);
  const offset = offsetFinding(result.dataPages, firstExport && exchanges[firstExport.exchange]);
  if (offset) {
    findings.push(offset);
  }
  const kept = exchanges.filter((_, index) => !result.misdirected.includes(index));
  findings.push(timestampFinding(kept), rateLimitFinding(kept));
  return findings;
}

function exportFindings(recorded: RecordedExchange, label: string): Finding[] {
  const contentType = recorded.headers["content-type"];
  const layout = csvLayout(recorded.text);
  const rows = parseCsv(recorded.text, layout);
  const declared = declaredCharsetOf(contentType);
  const encoding = `${recorded.charset.toUpperCase()}${recorded.bom ? " with a byte-order mark" : ", no byte-order mark"}${
    declared === undefined ? " (no charset declared)" : ""
  }`;
  const tidy = (text: string) => text.replace(/\s+/g, "").toLowerCase();
  return [
    {
      topic: `${label} Content-Type`,
      seen: contentType ?? "absent",
      documented: DOCUMENTED.contentType,
      differs: tidy(contentType ?? "") !== tidy(DOCUMENTED.contentType),
    },
    {
      topic: `${label} encoding`,
      seen: encoding,
      documented: DOCUMENTED.encoding,
      differs: recorded.charset !== "utf-16le",
    },
    {
      topic: `${label} delimiter`,
      seen: `${delimiterName(layout.delimiter)}, ${layout.newline === "\r\n" ? "CRLF" : "LF"} line breaks`,
      documented: DOCUMENTED.delimiter,
      differs: delimiterName(layout.delimiter) !== DOCUMENTED.delimiter,
    },
    {
      topic: `${label} rows`,
      seen: `${Math.max(0, rows.length - 1)} after the header line`,
      differs: false,
    },
  ];
}

/** Rows compare by their values only: an export row has no field names. */
const valuesOf = (row: unknown): string[] => (isRecord(row) ? Object.values(row).map((v) => String(v)) : []);
const sameValues = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

function offsetFinding(pages: readonly DataPage[], exported: RecordedExchange | undefined): Finding | undefined {
  const fromOne = pages.find((page) => page.offset === 1);
  const fromZero = pages.find((page) => page.offset === 0);
  if (!fromOne?.rows) {
    return undefined;
  }
  const parts: string[] = [];
  const total = fromOne.total;
  const first = valuesOf(fromOne.rows[0]);
  parts.push(
    `offset=1 returned ${fromOne.rows.length} row${fromOne.rows.length === 1 ? "" : "s"} (pageSize ${fromOne.pageSize}, total ${total ?? "absent"})`,
  );
  const zeroRows = fromZero?.rows ?? [];
  if (fromOne.rows.length === 0 || zeroRows.length === 0) {
    parts.push("no rows to compare offsets with");
  } else if (sameValues(first, valuesOf(zeroRows[0]))) {
    parts.push("its first row is offset=0's first row: offset=1 skips nothing");
  } else if (sameValues(first, valuesOf(zeroRows[1]))) {
    parts.push("its first row is offset=0's second row: offset=1 skips one row (offsets count from 0)");
  } else {
    parts.push("its first row is not among offset=0's first two rows");
  }
  if (exported && exported.status === 200) {
    const exportRows = parseCsv(exported.text).slice(1);
    const position = exportRows.findIndex((row) => sameValues(row, first));
    parts.push(
      `the export has ${exportRows.length} rows${
        position < 0 ? "" : position === 0 ? " and starts with that row" : `, that row is its row ${position + 1}`
      }`,
    );
  }
  return { topic: "data offset", seen: `${parts.join("; ")}.`, documented: DOCUMENTED.offset, differs: false };
}

function timestampFinding(exchanges: readonly RecordedExchange[]): Finding {
  const forms = new Map<string, number>();
  for (const exchange of exchanges) {
    if (exchange.status !== 200 || !/\/reportruns\/[^/]+$|\/reportruns\/latest$/.test(exchange.url.pathname)) {
      continue;
    }
    let body: unknown;
    try {
      body = payload(JSON.parse(exchange.text));
    } catch {
      continue;
    }
    for (const field of ["startedOn", "updatedOn"]) {
      const value = isRecord(body) ? body[field] : undefined;
      if (value !== undefined) {
        const form = timestampForm(value);
        forms.set(form, (forms.get(form) ?? 0) + 1);
      }
    }
  }
  const seen = [...forms].map(([form, n]) => `${form} ×${n}`).join("; ");
  return {
    topic: "timestamps (startedOn, updatedOn)",
    seen: seen || "none seen",
    documented: DOCUMENTED.timestamps,
    differs: false,
  };
}

function timestampForm(value: unknown): string {
  if (typeof value === "number") {
    return Number.isInteger(value) && value > 1e11
      ? "epoch milliseconds"
      : `a number (${value > 1e11 ? "fractional" : "seconds?"})`;
  }
  if (typeof value !== "string") {
    return `a ${value === null ? "null" : typeof value}`;
  }
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  if (!iso) {
    return "a string that is not ISO 8601";
  }
  const zone = iso[2] as string;
  return `ISO 8601 ${zone === "Z" ? "with Z" : zone.includes(":") ? "with a ±hh:mm offset" : "with a ±hhmm offset (no colon)"}`;
}

function rateLimitFinding(exchanges: readonly RecordedExchange[]): Finding {
  const seen = new Map<string, number>();
  let counted = 0;
  for (const exchange of exchanges) {
    if (exchange.url.pathname.endsWith("/oauth/token")) {
      continue;
    }
    counted += 1;
    for (const name of Object.keys(exchange.headers)) {
      if (/^(x-)?rate-?limit|^retry-after$/i.test(name)) {
        seen.set(name, (seen.get(name) ?? 0) + 1);
      }
    }
  }
  const names = [...seen].map(([name, n]) => `${canonical(name)} (${n} of ${counted})`);
  return {
    topic: "rate-limit headers",
    seen: names.length > 0 ? names.join(", ") : `none on ${counted} responses`,
    documented: DOCUMENTED.rateLimit,
    differs: false,
  };
}

/** `ratelimit-remaining` → `RateLimit-Remaining`. */
function canonical(name: string): string {
  return name
    .split("-")
    .map((part) => (part === "ratelimit" ? "RateLimit" : `${part.charAt(0).toUpperCase()}${part.slice(1)}`))
    .join("-");
}
