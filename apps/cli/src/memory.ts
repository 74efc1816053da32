// A large download's peak memory. Node's fetch allocates a new buffer for every chunk it reads (~64 KiB); they are
// garbage as soon as the chunk is written, but V8 frees them only when it collects the young generation, which it
// lets grow to 16 MiB per semi-space under a steady stream, so tens of MiB of dead chunks pile up between collections.
// Keeping the young generation at its start size makes it collect every MiB or so: a 100 MB export's peak RSS went
// from ~105 to ~93 MiB on Node 20 (bench: export memory), for ~5 % more CPU. It must be set before the modules load
// (loading is what grows the young generation first), and it slows loading (~10–20 % of start-up), so only for the
// invocations that download an export. The flag is read by V8 each time it would grow the young generation, so
// setting it at run time works; a V8 flag unknown to some future Node is a no-op, not a failure.
import { setFlagsFromString } from "node:v8";

/** True when `args` may download an export: `export`, or `run … --output`. A false positive only tunes the GC. */
export function downloadsExport(args: readonly string[]): boolean {
  return args.some((arg) => arg === "export" || arg === "--output" || arg.startsWith("--output="));
}

/** Stops the young generation from growing, for the rest of this (short-lived) process. */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString("--semi-space-growth-factor=1");
}
