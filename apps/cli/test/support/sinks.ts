// Stand-ins for `--output` to write into, in a test's temp folder: a FIFO with its reader and a Unix socket, each
// keeping what it was sent, as text.
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { createServer } from "node:net";

/** Makes a FIFO at `path` and reads it to its end; resolves with what was written. */
export function fifoSink(path: string): Promise<string> {
  execFileSync("mkfifo", [path]);
  let read = "";
  return new Promise<string>((resolve, reject) =>
    createReadStream(path, "utf8")
      .on("data", (chunk) => {
        read += chunk;
      })
      .on("end", () => resolve(read))
      .on("error", reject),
  );
}

export interface SocketSink {
  /** What the connection has sent so far. */
  received(): string;
  /** Resolves when the connection has ended (the writer closed its side). */
  ended: Promise<void>;
  close(): void;
}

/** Listens at `path` (in a test's temp folder) until `close()`. */
export async function socketSink(path: string): Promise<SocketSink> {
  let received = "";
  let ended: () => void = () => {};
  const connectionEnded = new Promise<void>((resolve) => {
    ended = resolve;
  });
  const listener = createServer((socket) =>
    socket
      .setEncoding("utf8")
      .on("data", (chunk: string) => {
        received += chunk;
      })
      .on("end", ended),
  );
  listener.listen(path);
  await once(listener, "listening");
  return { received: () => received, ended: connectionEnded, close: () => listener.close() };
}
