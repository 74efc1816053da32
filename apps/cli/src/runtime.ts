// Everything the CLI touches outside itself, so tests can run it in-process with fakes.
import { createReportingClient, type ReportingClient, type ReportingClientOptions } from "@zuora-reports/client";
import type { Env } from "./connection.js";
import { STOP_SIGNALS, type StopSignal } from "./exit-codes.js";

/** A stream the CLI prints to. `isTTY` decides whether a live progress line is shown. */
export interface OutputStream {
  write(chunk: string | Uint8Array): boolean;
  once(event: "drain", listener: () => void): unknown;
  readonly isTTY?: boolean;
}

export interface Runtime {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Env;
  /** Calls `handler` on Ctrl-C (SIGINT), SIGTERM or SIGHUP; returns a function that stops listening. */
  onInterrupt(handler: (signal: StopSignal) => void): () => void;
  createClient(options: ReportingClientOptions): ReportingClient;
}

/**
 * The command a user types to run this CLI again, for the commands it suggests: `pnpm cli` when run through the
 * repository's script (pnpm names the script in npm_lifecycle_event), else the installed binary.
 */
export function commandName(env: Env): string {
  return env.npm_lifecycle_event === "cli" ? "pnpm cli" : "zuora-reports";
}

/** The real process: its streams, environment and signals, and the real client. */
export function processRuntime(): Runtime {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt(handler) {
      const listeners = STOP_SIGNALS.map((signal) => [signal, () => handler(signal)] as const);
      for (const [signal, listener] of listeners) {
        process.on(signal, listener);
      }
      return () => {
        for (const [signal, listener] of listeners) {
          process.off(signal, listener);
        }
      };
    },
    createClient: createReportingClient,
  };
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full (large exports and `data --all`). */
export async function write(stream: OutputStream, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) {
    await new Promise<void>((resolve) => stream.once("drain", resolve));
  }
}
