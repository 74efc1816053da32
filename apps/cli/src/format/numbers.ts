// `data --numbers`: cells that read as numbers in the tenant's format become plain numbers; every other cell (a
// date, an id, text) stays exactly as Zuora sent it.
import { parseZuoraNumber, type ReportRow, type ZuoraNumberFormat } from "@zuora-reports/client";

/** `row` with its numeric cells as numbers. */
export function withNumbers(row: ReportRow, format: ZuoraNumberFormat): ReportRow {
  const converted: ReportRow = {};
  for (const [key, value] of Object.entries(row)) {
    converted[key] = typeof value === "string" ? numberOrText(value, format) : value;
  }
  return converted;
}

function numberOrText(text: string, format: ZuoraNumberFormat): string | number {
  // A leading zero before a digit (a ZIP code, a zero-padded id such as "000123") is text, not a number: reading it
  // would lose the zeros. So is a whole number beyond 2^53, which a JS number cannot hold exactly.
  if (/^[+-]?0\d/.test(text.trim())) {
    return text;
  }
  const number = parseZuoraNumber(text, format);
  const unsafe = number !== undefined && Number.isInteger(number) && !Number.isSafeInteger(number);
  return number === undefined || Number.isNaN(number) || unsafe ? text : number;
}
