import { connect } from "node:net";

/**
 * A loopback URL where nothing listens: a low, privileged port (discard, echo, tcpmux) that refuses connections.
 * Not one the OS just handed out and took back: on a shared machine another test run may be given that port
 * again at once, and then something does listen.
 */
export async function closedPortUrl(): Promise<string> {
  for (const port of [9, 7, 1]) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
    if (refused) {
      return `http://127.0.0.1:${port}`;
    }
  }
  throw new Error("Every low port tried (9, 7, 1) accepts connections: no closed port for the test.");
}
