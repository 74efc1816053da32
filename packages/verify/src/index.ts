export { type CsvLayout, csvLayout, delimiterName, parseCsv, writeCsv } from "./csv.js";
export type { Finding } from "./findings.js";
export { checkRecordFolder, createRedactor, MAX_EXPORT_ROWS, type Redactor, writeFixtures } from "./fixtures.js";
export type { PollOptions } from "./poll.js";
export { type RecordOptions, recordFixtures } from "./record.js";
export { createRecorder, type Fetch, pathBelow, type RecordedExchange, type Recorder, toExchange } from "./recorder.js";
export {
  buildReport,
  isRowValue,
  type OutcomeKind,
  outcomeKind,
  type ReportLine,
  type VerifyReport,
} from "./report.js";
export type { StopKind, WalkStop } from "./stop.js";
export { baseUrlOf, type VerifyOptions, type VerifyOutcome, verify } from "./verify.js";
export type { DataPage, WalkOptions, WalkResult, WalkRun } from "./walk.js";
