// Everything the CLI touches outside itself, so tests can run it in-process with fakes.
import { createReportingClient, type ReportingClient, type ReportingClientOptions } from "@zuora-reports/client";
import type { Env } from "./connection.js";

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
  /** Calls `handler` on Ctrl-C (SIGINT); returns a function that stops listening. */
  onInterrupt(handler: () => void): () => void;
  createClient(options: ReportingClientOptions): ReportingClient;
}

/** The real process: its streams, environment and signals, and the real client. */
export function processRuntime(): Runtime {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt(handler) {
      process.on("SIGINT", handler);
      return () => {
        process.off("SIGINT", handler);
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
