// The command line: commander definitions only; each action validates, connects, then calls its command. A command's
// module is imported by its action (`await import("./commands/x.js")`), never at the top: a call loads only what it
// runs, so `status` starts without the export's decoding, the table formatter or verify's spec checker.
import {
  environments,
  REPORT_TYPES,
  type ReportFilterGroup,
  type RetryInfo,
  type ZuoraNumberFormat,
} from "@zuora-reports/client";
import { Command, Option } from "commander";
import type { SearchFlags } from "./commands/search.js";
import { addVerifyCommand } from "./commands/verify.js";
import { resolveConnection } from "./connection.js";
import type { CommandContext } from "./context.js";
import { UsageError } from "./exit-codes.js";
import { budgetJson, formatBudget } from "./format/budget.js";
import { ROW_FORMATS, type RowFormat } from "./format/rows.js";
import { retryNotice } from "./notices.js";
import { type OutputFile, openOutput, STDOUT } from "./output-file.js";
import type { GlobalFlags, ProgramState } from "./program-state.js";
import { type Runtime, write } from "./runtime.js";
import { parseChoice, parseId, parseInteger, parseReportRef, parseSearchText, parseSeconds } from "./validate.js";

const MAX_PAGE_SIZE = 100_000;

const EXIT_CODES_HELP = `
Credentials come from the environment: ZUORA_CLIENT_ID + ZUORA_CLIENT_SECRET (OAuth client), or ZUORA_TOKEN
(bearer token), or ZUORA_USERNAME + ZUORA_PASSWORD (legacy login). ZUORA_ENV, ZUORA_BASE_URL, ZUORA_ENTITY_ID and
ZUORA_TRACK_ID stand in for the flags of the same name.

Exit codes: 0 success, 1 other API error (e.g. 400 unknown id), 2 usage error, 3 run ended INVALID/ERROR/CANCELLED,
4 authentication or permission, 5 network, timeout, rate limit or server error, 6 verify found drift from the spec,
7 a local write failed (disk full, stdout closed), 8 the export was empty (0 bytes), 130 interrupted (Ctrl-C),
143 terminated (SIGTERM), 129 hung up (SIGHUP).

Example:
  ZUORA_TOKEN=… zuora-reports run ff808081529f4e3401529fd373730070 --view Detail --wait --output report.csv
  ZUORA_TOKEN=… zuora-reports search "invoice account"   # a report's id from its name (run takes the name too)`;

/**
 * Opens `--output` before any request (an unwritable place fails at once, exit 2), runs `body`, and removes the temp
 * file if the command ended without writing it (a failed run, a refused request).
 */
async function withOutput(
  path: string | undefined,
  body: (output: OutputFile | typeof STDOUT | undefined) => Promise<void>,
): Promise<void> {
  const output = path === undefined ? undefined : await openOutput(path);
  try {
    await body(output);
  } finally {
    if (output !== undefined && output !== STDOUT) {
      await output.discard();
    }
  }
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** What every command's definition needs: the runtime, the invocation's state and the shared argument parsers. */
interface Commands {
  program: Command;
  runtime: Runtime;
  state: ProgramState;
  /** Validates the connection flags, then runs `body` with a client. */
  withClient<A extends unknown[]>(
    body: (context: CommandContext, ...args: A) => Promise<void>,
  ): (command: Command, ...args: A) => Promise<void>;
  runId(value: string): string;
  reportId(value: string): string;
}

/** Builds the `zuora-reports` program for one invocation. */
export function createProgram(runtime: Runtime, version: string, state: ProgramState): Command {
  const program = globalOptions(new Command("zuora-reports"), runtime, version);
  const commands: Commands = {
    program,
    runtime,
    state,
    withClient: (body) => clientAction(runtime, state, body),
    runId: (value) => {
      const id = parseId(value, "reportRunId");
      state.errorContext.reportRunId = id;
      return id;
    },
    reportId: (value) => parseId(value, "reportId"),
  };
  for (const add of [addStatus, addWait, addRun, addLast, addData, addExport, addCancel, addEnvironments]) {
    add(commands);
  }
  addSearch(commands);
  addVerifyCommand(program, runtime, state, version);
  return program;
}

function globalOptions(program: Command, runtime: Runtime, version: string): Command {
  return program
    .description("Run Zuora reports, wait for them, and get their rows or CSV export.")
    .version(version, "-V, --version")
    .option("--env <preset>", "environment preset, e.g. us-sandbox (see `environments`) [ZUORA_ENV]")
    .option("--base-url <url>", "API base URL, wins over --env [ZUORA_BASE_URL]")
    .option("--entity-id <id>", "Zuora-Entity-Ids, for multi-entity tenants [ZUORA_ENTITY_ID]")
    .option("--track-id <id>", "Zuora-Track-Id, echoed back by Zuora for tracing [ZUORA_TRACK_ID]")
    .option(
      "-H, --header <header>",
      'extra request header "Name: value", repeatable (for proxies and debugging, e.g. -H "Prefer: example=error")',
      collect,
    )
    .addOption(
      new Option(
        "--max-retries <n>",
        "retries of a request that failed with 429, 5xx or a network error (default 2)",
      ).argParser((v) => parseInteger(v, "--max-retries", 0, 10)),
    )
    .addOption(
      new Option("--request-timeout <seconds>", "timeout of each request (default 60)").argParser((v) =>
        parseSeconds(v, "--request-timeout"),
      ),
    )
    .option("--json", "machine-readable JSON on stdout, and nothing else there")
    .option("--debug", "on failure, print the error's details and causes on stderr")
    .option(
      "--verbose",
      "after the command, print on stderr what is left of Zuora's rate limit (a JSON line with --json)",
    )
    .addHelpText("after", EXIT_CODES_HELP)
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (text) => runtime.stdout.write(text),
      writeErr: (text) => runtime.stderr.write(text),
    })
    .exitOverride();
}

/** The action of a command that talks to Zuora: connection flags checked, a client made, then `body`. */
function clientAction<A extends unknown[]>(
  runtime: Runtime,
  state: ProgramState,
  body: (context: CommandContext, ...args: A) => Promise<void>,
) {
  return async (command: Command, ...args: A): Promise<void> => {
    const flags = command.optsWithGlobals<GlobalFlags>();
    const connection = resolveConnection(flags, runtime.env);
    state.secrets.push(...connection.secrets);
    state.errorContext.target = connection.target;
    const progress: CommandContext["progress"] = {};
    // A retry wait longer than a second is said on stderr and on the progress line, so it never looks like a hang.
    const onRetry = (info: RetryInfo) => {
      const notice = retryNotice(info);
      if (notice) {
        runtime.stderr.write(`${notice}\n`);
        progress.current?.note(notice);
      }
    };
    const client = runtime.createClient({ ...connection.options, onRetry });
    try {
      await body({ client, runtime, json: flags.json === true, errorContext: state.errorContext, progress }, ...args);
    } finally {
      // After a failure too: a 429 is when the budget matters most.
      if (flags.verbose) {
        const line = flags.json
          ? budgetJson(client.rateLimit)
          : (formatBudget(client.rateLimit) ?? "rate limit: Zuora sent no RateLimit-* headers");
        runtime.stderr.write(`${line}\n`);
      }
    }
  };
}

const timeoutOption = () =>
  new Option("--timeout <seconds>", "the longest the whole wait may take, polls included (exit 5)").argParser((v) =>
    parseSeconds(v, "--timeout"),
  );
const intervalOption = () =>
  new Option("--interval <seconds>", "poll this often (default: the client's backoff)").argParser((v) =>
    parseSeconds(v, "--interval"),
  );

function addSearch({ program, withClient }: Commands): void {
  program
    .command("search")
    .description("find reports by name (every word of 3 letters or more must match); prints their ids")
    .argument("<text>", "words of the report's name", parseSearchText)
    .addOption(
      new Option("--limit <n>", "at most this many reports (default: every match, 50 per request)").argParser((v) =>
        parseInteger(v, "--limit", 1, 100_000),
      ),
    )
    .option("--namespace <namespace>", "search this namespace, e.g. ADVANCED for Insights Analysis reports")
    .action(async (text: string, flags: SearchFlags, command: Command) => {
      const { searchCommand } = await import("./commands/search.js");
      await withClient(searchCommand)(command, text, flags);
    });
}

function addStatus({ program, withClient, runId }: Commands): void {
  program
    .command("status")
    .description("show a report run's status and details")
    .argument("<reportRunId>", "the run's id", runId)
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { statusCommand } = await import("./commands/status.js");
      await withClient(statusCommand)(command, id);
    });
}

function addWait({ program, withClient, runId }: Commands): void {
  program
    .command("wait")
    .description("wait until a report run completes (exit 0) or ends INVALID/ERROR/CANCELLED (exit 3)")
    .argument("<reportRunId>", "the run's id", runId)
    .addOption(timeoutOption())
    .addOption(intervalOption())
    .action(async (id: string, opts: { timeout?: number; interval?: number }, command: Command) => {
      const { waitCommand } = await import("./commands/wait.js");
      await withClient(waitCommand)(command, id, { timeoutMs: opts.timeout, intervalMs: opts.interval });
    });
}

function addRun({ program, withClient }: Commands): void {
  program
    .command("run")
    .description("start a report run; --wait waits for it, --output also exports it (implies --wait)")
    .argument("<reportId>", "the report's id (not a run's), or its exact name (looked up with search)", parseReportRef)
    .addOption(
      new Option("--view <type>", "the report's type: Detail or Summary")
        .argParser((v) => parseChoice(v, "--view", REPORT_TYPES))
        .makeOptionMandatory(),
    )
    .option("--wait", "wait for the run to finish")
    .addOption(timeoutOption())
    .addOption(intervalOption())
    .option("--output <file>", "export the completed run to this file (CSV as UTF-8, a spreadsheet as sent)")
    .option("--pivoted", "with --output: export a Summary report pivoted, as Zuora's UI shows it")
    .option("--filters <json>", "JSON array of filter groups that override the report's saved filters")
    .option("--idempotency-key <key>", "start at most one run per key, so retrying is safe")
    .action(async (id: string, opts: RunOptions, command: Command) => {
      const filters = opts.filters === undefined ? undefined : parseFilters(opts.filters);
      const idempotencyKey = opts.idempotencyKey === undefined ? undefined : checkKey(opts.idempotencyKey);
      if (command.optsWithGlobals<GlobalFlags>().json && (opts.output === "-" || opts.output === "/dev/stdout")) {
        throw new UsageError("--json prints the run on stdout: give --output a file, not stdout.");
      }
      const { runCommand } = await import("./commands/run.js");
      await withOutput(opts.output, (output) =>
        withClient(runCommand)(command, id, {
          view: opts.view,
          wait: opts.wait === true,
          timeoutMs: opts.timeout,
          intervalMs: opts.interval,
          pivoted: opts.pivoted === true,
          ...(output === undefined ? {} : { output }),
          ...(filters === undefined ? {} : { filters }),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        }),
      );
    });
}

function addLast({ program, withClient, reportId }: Commands): void {
  program
    .command("last")
    .description("show a report's last completed run")
    .argument("<reportId>", "the report's id", reportId)
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { lastCommand } = await import("./commands/last.js");
      await withClient(lastCommand)(command, id);
    });
}

function addData({ program, state, withClient, runId }: Commands): void {
  program
    .command("data")
    .description("print a completed run's rows: one page, or every row with --all")
    .argument("<reportRunId>", "the run's id", runId)
    .addOption(
      new Option("--page-size <n>", "rows per request (default 100, or 1000 with --all)").argParser((v) =>
        parseInteger(v, "--page-size", 1, MAX_PAGE_SIZE),
      ),
    )
    .addOption(
      new Option("--offset <n>", "rows to skip; Zuora's first page is offset 1 (with --all: where to start)")
        .argParser((v) => parseInteger(v, "--offset", 0, Number.MAX_SAFE_INTEGER))
        .default(1),
    )
    .option("--all", "every row, page after page")
    .addOption(
      new Option("--format <format>", `${ROW_FORMATS.join(", ")} (default: table, or json with --json)`).argParser(
        (v) => parseChoice(v, "--format", ROW_FORMATS),
      ),
    )
    .option("--numbers", "numeric cells as plain numbers (1,729.76 → 1729.76), read in the tenant's number format")
    .addOption(
      new Option("--decimal <char>", 'with --numbers: the tenant\'s decimal separator, "." (default) or ","').argParser(
        (v) => parseChoice(v, "--decimal", DECIMAL_SEPARATORS),
      ),
    )
    .addOption(
      new Option(
        "--thousands <char>",
        'with --numbers: the thousands separator, e.g. "," "." "space" "\'" or "none" (default: "," or "." with --decimal ,)',
      ).argParser(parseThousands),
    )
    .action(async (id: string, opts: DataOptions, command: Command) => {
      const json = command.optsWithGlobals<GlobalFlags>().json === true;
      const format: RowFormat = opts.format ?? (json ? "json" : "table");
      if (json && format !== "json" && format !== "ndjson") {
        throw new UsageError(`--json prints JSON: it cannot be combined with --format ${format}.`);
      }
      state.jsonLines = format === "ndjson";
      const numbers = numberFormat(opts);
      const { dataCommand } = await import("./commands/data.js");
      await withClient(dataCommand)(command, id, {
        format,
        pageSize: opts.pageSize ?? (opts.all ? 1000 : 100),
        offset: opts.offset,
        all: opts.all === true,
        ...(numbers === undefined ? {} : { numbers }),
      });
    });
}

function addExport({ program, withClient, runId }: Commands): void {
  program
    .command("export")
    .description("download a run's export (CSV decoded to UTF-8, a spreadsheet as sent) to --output or stdout")
    .argument("<reportRunId>", "the run's id", runId)
    .option("--pivoted", "Summary reports: pivoted as Zuora's UI shows it")
    .option("--output <file>", "write to this file (via a temp file, renamed once complete); - for stdout")
    .option(
      "--fallback-to-data",
      "if Zuora fails the export as too large (504, over about 25 MB), write the rows of Get Report Data as CSV instead",
    )
    .action(async (id: string, opts: ExportOptions, command: Command) => {
      if (opts.fallbackToData && opts.pivoted) {
        throw new UsageError("--fallback-to-data writes flat rows: it cannot stand in for a --pivoted export.");
      }
      const { exportCommand } = await import("./commands/export.js");
      await withOutput(opts.output, (output) =>
        withClient(exportCommand)(command, id, {
          pivoted: opts.pivoted === true,
          fallbackToData: opts.fallbackToData === true,
          ...(output === undefined ? {} : { output }),
        }),
      );
    });
}

interface ExportOptions {
  pivoted?: boolean;
  output?: string;
  fallbackToData?: boolean;
}

function addCancel({ program, withClient, runId }: Commands): void {
  program
    .command("cancel")
    .description("cancel a report run")
    .argument("<reportRunId>", "the run's id", runId)
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { cancelCommand } = await import("./commands/cancel.js");
      await withClient(cancelCommand)(command, id);
    });
}

function addEnvironments({ program, runtime }: Commands): void {
  program
    .command("environments")
    .description("list the --env presets and their base URLs (no request)")
    .action(async (_opts: unknown, command: Command) => {
      if (command.optsWithGlobals<GlobalFlags>().json) {
        await write(runtime.stdout, `${JSON.stringify(environments, null, 2)}\n`);
        return;
      }
      const width = Math.max(...environments.map((e) => e.environment.length));
      const lines = environments.map((e) => `${e.environment.padEnd(width)}  ${e.url}  (${e.description})`);
      await write(runtime.stdout, `${lines.join("\n")}\n`);
    });
}

interface RunOptions {
  view: (typeof REPORT_TYPES)[number];
  wait?: boolean;
  timeout?: number;
  interval?: number;
  output?: string;
  pivoted?: boolean;
  filters?: string;
  idempotencyKey?: string;
}

interface DataOptions {
  pageSize?: number;
  offset: number;
  all?: boolean;
  format?: RowFormat;
  numbers?: boolean;
  decimal?: (typeof DECIMAL_SEPARATORS)[number];
  thousands?: string;
}

const DECIMAL_SEPARATORS = [".", ","] as const;

/** `--thousands`: one separator character, or a word for the ones a shell makes awkward. */
function parseThousands(value: string): string {
  const named: Record<string, string> = { none: "", space: " ", apostrophe: "'", comma: ",", dot: ".", period: "." };
  const separator = named[value.toLowerCase()] ?? value;
  if (separator.length > 1 || /[0-9+-]/.test(separator)) {
    throw new UsageError(
      `--thousands must be one character such as , . ' or a word: none, space; not "${value.slice(0, 20)}".`,
    );
  }
  return separator;
}

/** The tenant's number format for `--numbers`, or undefined without it. */
function numberFormat(opts: DataOptions): ZuoraNumberFormat | undefined {
  if (!opts.numbers) {
    if (opts.decimal !== undefined || opts.thousands !== undefined) {
      throw new UsageError("--decimal and --thousands go with --numbers.");
    }
    return undefined;
  }
  const decimal = opts.decimal ?? ".";
  const thousands = opts.thousands ?? (decimal === "," ? "." : ",");
  if (thousands === decimal) {
    throw new UsageError(`--thousands and --decimal cannot both be "${decimal}".`);
  }
  return { decimal, thousands };
}

function parseFilters(text: string): ReportFilterGroup[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError("--filters must be JSON: an array of filter groups.");
  }
  if (!Array.isArray(value) || value.some((group) => typeof group !== "object" || group === null)) {
    throw new UsageError("--filters must be a JSON array of filter-group objects.");
  }
  return value as ReportFilterGroup[];
}

function checkKey(key: string): string {
  if (key.length === 0 || key.length > 255) {
    throw new UsageError("--idempotency-key must be 1 to 255 characters.");
  }
  return key;
}
