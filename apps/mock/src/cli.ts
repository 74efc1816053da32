#!/usr/bin/env node
// `pnpm mock`: serves the report-runs document with Prism until Ctrl-C.
import { type MockLogLevel, startMock } from "./index.js";

const LOG_LEVELS: readonly MockLogLevel[] = ["debug", "info", "warn", "error", "silent"];

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

// Prism logs the readiness probe of startMock() as an unmatched route: not worth a user's attention.
function printPrismOutput(text: string): void {
  const lines = text.split("\n").filter((line) => !line.includes("/__mock_ready"));
  process.stdout.write(lines.join("\n"));
}

try {
  const mock = await startMock({ port, host, logLevel, onOutput: printPrismOutput });
  process.stdout.write(
    [
      "",
      `Report-runs mock (Prism) listening on ${mock.url}`,
      "Try:",
      `  curl -H 'Authorization: Bearer any-token' ${mock.url}/reportruns/ff808081529f4e3401529fd61f080074`,
      "Pick a state or an error with a header: -H 'Prefer: example=started' or -H 'Prefer: code=429'.",
      "Ctrl-C stops it.",
      "",
    ].join("\n"),
  );
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
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
