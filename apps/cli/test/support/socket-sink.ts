// A Unix socket for `--output` to write into: it keeps what one connection sent, as text.
import { once } from "node:events";
import { createServer } from "node:net";

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
