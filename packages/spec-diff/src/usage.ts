// The Stainless-style type-level gate: the usage the last release shipped (its TypeScript samples and the client's
// examples, kept in spec/released/usage) must still type-check against the client being released, unless that
// release is declared major. tsc reads them with the client's built declarations standing in for the package.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";

export interface UsageCheck {
  /** The files checked, relative to the root. */
  files: string[];
  /** tsc's errors, one per line, paths relative to the root; empty when everything type-checks. */
  errors: string[];
}

const require = createRequire(import.meta.url);

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|mts|mjs|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Type-checks every file under `usageFolder` with `@zuora-reports/client` resolved to `clientTypes` (the client's
 * built `index.d.mts`). JavaScript files are checked too (`checkJs`), as a TypeScript-aware editor would.
 */
export async function checkReleasedUsage(root: string, usageFolder: string, clientTypes: string): Promise<UsageCheck> {
  const files = await filesUnder(usageFolder);
  if (files.length === 0) {
    return { files: [], errors: [] };
  }
  const folder = await mkdtemp(join(tmpdir(), "released-usage-"));
  try {
    const tsconfig = join(folder, "tsconfig.json");
    await writeFile(
      tsconfig,
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          lib: ["ES2022", "DOM"],
          strict: true,
          // What the API accepts and returns is the question, not the samples' own annotations (plain JS has none).
          noImplicitAny: false,
          noEmit: true,
          skipLibCheck: true,
          allowJs: true,
          checkJs: true,
          // The samples run on Node: its types come from this package's own @types/node.
          types: ["node"],
          typeRoots: [dirname(dirname(require.resolve("@types/node/package.json")))],
          paths: { "@zuora-reports/client": [clientTypes] },
        },
        files,
      }),
    );
    const tsc = require.resolve("typescript/bin/tsc");
    try {
      await promisify(execFile)(process.execPath, [tsc, "-p", tsconfig, "--pretty", "false"], { cwd: root });
      return { files: files.map((file) => relative(root, file)), errors: [] };
    } catch (error) {
      const output = String((error as { stdout?: string }).stdout ?? "");
      const errors = output
        .split("\n")
        .filter((line) => line.includes("error TS"))
        .map((line) => line.replaceAll(`${root}/`, ""));
      if (errors.length === 0) {
        throw new Error(`tsc could not check the released usage: ${(error as Error).message}`);
      }
      return { files: files.map((file) => relative(root, file)), errors };
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
