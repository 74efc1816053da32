// `pnpm docs:serve`: serves the built site (dist/) on 127.0.0.1 until Ctrl-C.
import { fileURLToPath } from "node:url";
import { startStaticServer } from "./static-server.mjs";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const portText = process.env.PORT ?? "8080";
const port = Number(portText);

if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
  process.stderr.write(`docs:serve: PORT must be a port number (1-65535), not "${portText}".\n`);
  process.exit(1);
}

try {
  const server = await startStaticServer({ root: dist, port });
  process.stdout.write(`Docs served at ${server.url} (Ctrl-C stops it)\n`);
  const stop = async () => {
    await server.close();
    process.stdout.write("Docs server stopped.\n");
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  process.stderr.write(`docs:serve: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
