// Everything the CLI touches outside itself, so tests can run it in-process with fakes.
import { createReportingClient, type ReportingClient, type ReportingClientOptions } from "@zuora-reports/client";
import type { Env } from "./connection.js";
import { STOP_SIGNALS, type StopSignal } from "./exit-codes.js";
import { stdoutError } from "./local-io.js";

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

/** The real process: its streams, environment and signals, and the real client. */
export function processRuntime(): Runtime {
  return {
    stdout: guarded(process.stdout),
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

/**
 * stdout whose synchronous write failures (a file or device: Node writes those synchronously, so a full disk
 * throws from `write`) become one `cannot write to stdout: …` error instead of a raw errno error.
 */
function guarded(stream: NodeJS.WriteStream): OutputStream {
  return {
    write(chunk) {
      try {
        return stream.write(chunk);
      } catch (error) {
        throw stdoutError(error);
      }
    },
    once: (event, listener) => stream.once(event, listener),
    get isTTY() {
      return stream.isTTY;
    },
  };
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full (large exports and `data --all`). */
export async function write(stream: OutputStream, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) {
    await new Promise<void>((resolve) => stream.once("drain", resolve));
  }
}
