// Free ports for tests and a clear message when the chosen one is taken.
import { createServer } from "node:net";

/** Asks the OS for a free TCP port on `host`. */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The message for a port that cannot be bound. */
export function portError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  return new Error(
    error.code === "EADDRINUSE"
      ? `Port ${port} on ${host} is already in use; stop what uses it or choose another port (MOCK_PORT).`
      : `Cannot listen on ${host}:${port}: ${error.message}`,
  );
}

/** Resolves when `port` on `host` can be bound, rejects with a clear message when it is taken. */
export async function assertPortFree(port: number, host = "127.0.0.1"): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => reject(portError(error, host, port)));
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
