// An in-process runtime: captured stdout/stderr, a chosen environment, a fake client and a Ctrl-C trigger.
import { EventEmitter } from "node:events";
import type { ReportingClient, ReportingClientOptions } from "@zuora-reports/client";
import type { StopSignal } from "../../src/exit-codes.js";
import type { OutputStream, Runtime } from "../../src/runtime.js";

export class CapturedStream extends EventEmitter implements OutputStream {
  text = "";
  constructor(readonly isTTY = false) {
    super();
  }
  // What yocto-spinner calls on a terminal stream.
  readonly columns = 120;
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  write(chunk: string | Uint8Array): boolean {
    this.text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }
}

export interface FakeRuntime extends Runtime {
  stdout: CapturedStream;
  stderr: CapturedStream;
  /** The options the CLI created its client with. */
  clientOptions: ReportingClientOptions[];
  /** Simulates Ctrl-C (or another stop signal). */
  interrupt(signal?: StopSignal): void;
  /** How many handlers still listen for a stop signal (a command must stop listening when it ends). */
  listening(): number;
}

/** The client's methods as a test fakes them: plain promises will do (the CLI never calls `withResponse`). */
export type FakeClient = {
  [K in keyof ReportingClient]?: ReportingClient[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<R>
    : ReportingClient[K];
};

/** A runtime around `client` (only the methods a test needs), with `env` as the whole environment. */
export function fakeRuntime(
  client: FakeClient,
  env: Record<string, string> = {},
  { tty = false }: { tty?: boolean } = {},
): FakeRuntime {
  const handlers = new Set<(signal: StopSignal) => void>();
  const clientOptions: ReportingClientOptions[] = [];
  return {
    stdout: new CapturedStream(tty),
    stderr: new CapturedStream(tty),
    env,
    clientOptions,
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    interrupt(signal = "SIGINT") {
      for (const handler of [...handlers]) {
        handler(signal);
      }
    },
    listening: () => handlers.size,
    createClient(options) {
      clientOptions.push(options);
      return client as unknown as ReportingClient;
    },
  };
}

export const BASE_ENV = { ZUORA_TOKEN: "test-token-value", ZUORA_BASE_URL: "http://127.0.0.1:9" };
