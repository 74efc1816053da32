#!/usr/bin/env node
// `pnpm mock`: the report-runs simulation (or Prism alone with MOCK_MODE=static) until Ctrl-C. Prints where it
// listens, the scenarios the document lists, and the knobs with their current values.
import { KNOBS, LOG_LEVELS, type MockLogLevel, type MockServer, optionsFromEnv, startMock } from "./index.js";

function fail(message: string): never {
  process.stderr.write(`mock: ${message}\n`);
  process.exit(1);
}

const portText = process.env.MOCK_PORT ?? "4010";
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  fail(`MOCK_PORT must be a port number (1-65535), not "${portText}".`);
}
const host = process.env.MOCK_HOST ?? "127.0.0.1";
const logLevel = (process.env.MOCK_LOG ?? "info") as MockLogLevel;
if (!LOG_LEVELS.includes(logLevel)) {
  fail(`MOCK_LOG must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}".`);
}
let simulation: ReturnType<typeof optionsFromEnv>;
try {
  simulation = optionsFromEnv(process.env);
} catch (error) {
  fail((error as Error).message);
}

// Prism logs the readiness probe of startMock() as an unmatched route: not worth a user's attention.
function printOutput(text: string): void {
  const lines = text.split("\n").filter((line) => !line.includes("/__mock_ready"));
  process.stdout.write(lines.join("\n"));
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd());
}

function banner(mock: MockServer): string[] {
  const seed = "ff808081529f4e3401529fd61f080074";
  const auth = "-H 'Authorization: Bearer any-token'";
  if (mock.mode === "static") {
    return [
      "",
      `Report-runs mock (Prism, static examples) listening on ${mock.url}`,
      "Try:",
      `  curl ${auth} ${mock.url}/reportruns/${seed}`,
      "Pick a state or an error with a header: -H 'Prefer: example=started' or -H 'Prefer: code=429'.",
      "Ctrl-C stops it.",
      "",
    ];
  }
  const scenarios = [
    ["report id", "what its runs do", "statuses"],
    ...mock.scenarios.listed.map((s) => [s.reportId ?? "", s.summary, s.statuses.join(" → ") || "–"]),
    ["(any other)", mock.scenarios.default?.summary ?? "", mock.scenarios.default?.statuses.join(" → ") ?? ""],
  ];
  const current: Record<string, string> = { MOCK_PORT: String(mock.port), MOCK_HOST: mock.host, MOCK_LOG: logLevel };
  current.MOCK_MODE = mock.mode;
  const knobs = [
    ["variable", "value", "meaning"],
    ...KNOBS.map((k) => [k.env, (mock.settings && k.value?.(mock.settings)) ?? current[k.env] ?? "", k.meaning]),
  ];
  return [
    "",
    `Report-runs mock (simulation) listening on ${mock.url}`,
    "",
    "Scenarios: run one with POST /reports/<report id>/reportrun?viewType=Detail (or Summary).",
    ...table(scenarios),
    "",
    "Knobs (environment variables; startMock() takes the same as options):",
    ...table(knobs),
    "",
    "Try:",
    `  curl -X POST ${auth} '${mock.url}/reports/ff808081529f4e3401529fd373730070/reportrun?viewType=Detail'`,
    `  curl ${auth} ${mock.url}/reportruns/<reportRunId>      # STARTED → QUERYDATA → PROCESSINGDATA → COMPLETED`,
    `  curl ${auth} '${mock.url}/reportruns/reportdata/<reportRunId>?offset=1&pageSize=100'`,
    `  curl ${auth} ${mock.url}/reportruns/export/<reportRunId> -o report.csv   # UTF-16LE, tab-separated`,
    "The document's examples are still there: -H 'Prefer: example=started' or -H 'Prefer: code=429'.",
    "Ctrl-C stops it.",
    "",
  ];
}

try {
  const mock = await startMock({ ...simulation, port, host, logLevel, onOutput: printOutput });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    await mock.stop();
    process.stdout.write("Mock stopped.\n");
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  // Printed once Ctrl-C is handled: whoever reads "Ctrl-C stops it." may press it at once.
  process.stdout.write(banner(mock).join("\n"));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
