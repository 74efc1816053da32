#!/usr/bin/env node
// `pnpm mock`: the report-runs simulation (or Prism alone with MOCK_MODE=static) until Ctrl-C. Prints where it
// listens, the scenarios the document lists, and the knobs (KNOBS: the same table that reads the variables) with
// their current values.
import { type EnvOptions, KNOBS, type MockServer, optionsFromEnv, startMock } from "./index.js";

const SEED_RUN = "ff808081529f4e3401529fd61f080074";
const SEED_REPORT = "ff808081529f4e3401529fd373730070";
const AUTH = "-H 'Authorization: Bearer any-token'";

function fail(message: string): never {
  process.stderr.write(`mock: ${message}\n`);
  process.exit(1);
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

function staticBanner(mock: MockServer): string[] {
  return [
    "",
    `Report-runs mock (Prism, static examples) listening on ${mock.url}`,
    "Try:",
    `  curl ${AUTH} ${mock.url}/reportruns/${SEED_RUN}`,
    "Pick a state or an error with a header: -H 'Prefer: example=started' or -H 'Prefer: code=429'.",
    "Ctrl-C stops it.",
    "",
  ];
}

/** `2500/min, 5000/h, 10000/day` */
function windowsText(windows: readonly { limit: number; seconds: number }[]): string {
  const unit = (seconds: number) => ({ 60: "min", 3600: "h", 86400: "day" })[seconds] ?? `${seconds} s`;
  return `${windows.map((w) => `${w.limit}/${unit(w.seconds)}`).join(", ")} per credential group`;
}

function banner(mock: MockServer, options: EnvOptions): string[] {
  if (mock.mode === "static") {
    return staticBanner(mock);
  }
  const scenarios = [
    ["report id", "what its runs do", "statuses"],
    ...mock.scenarios.listed.map((s) => [s.reportId ?? "", s.summary, s.statuses.join(" → ") || "–"]),
    ["(any other)", mock.scenarios.default?.summary ?? "", mock.scenarios.default?.statuses.join(" → ") ?? ""],
  ];
  const current = { ...mock, logLevel: options.logLevel ?? "info" };
  const plain = (text: string) => text.replaceAll("`", "");
  const knobs = [
    ["variable", "value", "meaning"],
    ...KNOBS.map((k) => [k.env, k.value(current) ?? "–", plain(k.meaning)]),
  ];
  return [
    "",
    `Report-runs mock (simulation) listening on ${mock.url}`,
    ...(mock.replay ? [`Replaying ${mock.replay.exchanges} recorded exchanges from ${mock.replay.folder}.`] : []),
    ...(mock.settings?.tenant
      ? [`Tenant type ${mock.settings.tenant}: ${windowsText(mock.settings.rateWindows)}.`]
      : []),
    "",
    "Scenarios: run one with POST /reports/<report id>/reportrun?viewType=Detail (or Summary).",
    ...table(scenarios),
    "",
    "Knobs (environment variables; startMock() takes the same as options):",
    ...table(knobs),
    "",
    "Try:",
    `  curl -X POST ${AUTH} '${mock.url}/reports/${SEED_REPORT}/reportrun?viewType=Detail'`,
    `  curl ${AUTH} ${mock.url}/reportruns/<reportRunId>      # STARTED → QUERYDATA → PROCESSINGDATA → COMPLETED`,
    `  curl ${AUTH} '${mock.url}/reportruns/reportdata/<reportRunId>?offset=1&pageSize=100'`,
    `  curl ${AUTH} ${mock.url}/reportruns/export/<reportRunId> -o report.csv   # UTF-16LE, tab-separated`,
    "The document's examples are still there: -H 'Prefer: example=started' or -H 'Prefer: code=429'.",
    `Control it while it runs: curl ${mock.url}/__admin/runs   # and /__admin/reset, …/status, /__admin/settings`,
    "Ctrl-C stops it.",
    "",
  ];
}

async function main(): Promise<void> {
  let options: EnvOptions;
  try {
    options = optionsFromEnv(process.env);
  } catch (error) {
    fail((error as Error).message);
  }
  const mock = await startMock({
    ...options,
    port: options.port ?? 4010,
    logLevel: options.logLevel ?? "info",
    onOutput: printOutput,
  });
  let stopping = false;
  const shutdown = async () => {
    if (!stopping) {
      stopping = true;
      await mock.stop();
      process.stdout.write("Mock stopped.\n");
      process.exit(0);
    }
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  // Printed once Ctrl-C is handled: whoever reads "Ctrl-C stops it." may press it at once.
  process.stdout.write(banner(mock, options).join("\n"));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
