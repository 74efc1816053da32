// `jq` for machines without one: jq itself, compiled to WebAssembly (the jq-wasm package), behind a small command
// line that reads JSON from stdin, as the curl samples use it: `… | jq -r .response.status`. Options come first and
// the filter last (no input files). The samples test puts this on PATH only where no system jq is found.
import { raw } from "jq-wasm";

const args = process.argv.slice(2);
const filter = args.at(-1);

if (filter === undefined || filter.startsWith("-")) {
  process.stderr.write("Usage: jq [options] <filter>   (reads JSON from stdin; the filter comes last)\n");
  process.exit(2);
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

try {
  const output = await raw(Buffer.concat(chunks).toString("utf8"), filter, args.slice(0, -1));
  // jq ends every result with a newline; jq-wasm trims the last one.
  process.stdout.write(output === "" ? "" : `${output}\n`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message.replace(/^Failed to execute raw query: /, "")}\n`);
  // jq's exit codes: 3 for a filter that does not compile, 5 for any other error (e.g. input that is not JSON).
  process.exit(/compile error/.test(message) ? 3 : 5);
}
