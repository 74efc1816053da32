import { createServer } from "node:net";

/** A loopback URL where nothing listens: a port the OS just handed out and that was closed again. */
export async function closedPortUrl(): Promise<string> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const chosen = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(chosen));
    });
  });
  return `http://127.0.0.1:${port}`;
}
