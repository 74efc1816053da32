// Writing an export to a file: checked before any request, written beside the target, renamed on success, so a
// failure never leaves a truncated file under the final name.
import { randomBytes } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { access, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { UsageError } from "./exit-codes.js";

/** Resolves `path` and checks that it can be written, before any request. Throws UsageError otherwise. */
export async function checkOutputPath(path: string): Promise<string> {
  if (path.trim() === "") {
    throw new UsageError("--output is empty: give a file path.");
  }
  const target = resolve(path);
  const directory = dirname(target);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new UsageError(`--output ${path} is a directory: give a file path.`);
  }
  const folder = await stat(directory).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new UsageError(`--output ${path}: folder ${directory} does not exist.`);
  }
  try {
    // The temp file is created in the folder, then renamed over the target: both need write access to the folder.
    await access(directory, constants.W_OK);
    if (existing) {
      await access(target, constants.W_OK);
    }
  } catch {
    throw new UsageError(`--output ${path} is not writable.`);
  }
  return target;
}

/**
 * Streams chunks (text, written as UTF-8, or bytes) into `target` through a temp file beside it; renames on success,
 * deletes the temp file on failure. Returns the number of bytes written.
 */
export async function writeFileAtomically(
  target: string,
  chunks: AsyncIterable<string | Uint8Array>,
  signal?: AbortSignal,
): Promise<number> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString("hex")}.partial`);
  const file = createWriteStream(temp, { flags: "wx" });
  let bytes = 0;
  // Encode text to UTF-8 on the way, counting bytes for the summary.
  async function* encode(source: AsyncIterable<string | Uint8Array>): AsyncIterable<Buffer> {
    for await (const chunk of source) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
      bytes += buffer.length;
      yield buffer;
    }
  }
  try {
    await pipeline(chunks, encode, file, signal ? { signal } : {});
    await rename(temp, target);
    return bytes;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
