// Where `--output` writes, as users of `curl -o` and `cp` expect. A regular file (or a new path) is written through
// a temp file in the same folder, renamed once complete, so a failure never leaves a truncated file under the final
// name; it keeps an existing file's mode and owner. A symlink is followed (the temp file goes beside the real target,
// the link stays). A character device, FIFO or socket is written directly, never renamed over (a rename would replace
// /dev/null for the whole machine). `-` and `/dev/stdout` mean stdout. Everything that can fail before the download
// (an unwritable folder, a missing one) fails when the target is opened, before any request.
import { randomBytes } from "node:crypto";
import { constants, rmSync, type Stats } from "node:fs";
import { access, chown, type FileHandle, lstat, open, readlink, rename, rm, stat } from "node:fs/promises";
import { createConnection } from "node:net";
import { basename, dirname, join, resolve } from "node:path";
import { ExitCode, UsageError } from "./exit-codes.js";
import { fileError } from "./local-io.js";

/** An opened `--output` target. */
export interface OutputFile {
  /** The path as the user gave it, for messages. */
  readonly path: string;
  /** Streams `chunks` (text is written as UTF-8) into the target; returns the number of bytes. */
  write(chunks: AsyncIterable<string | Uint8Array>, signal?: AbortSignal): Promise<number>;
  /** Makes the written content the target's (renames the temp file over it). */
  commit(): Promise<void>;
  /** Removes the temp file unless committed; the target keeps what it had. Safe to call more than once. */
  discard(): Promise<void>;
}

/** `--output -` or `--output /dev/stdout`: the export goes to stdout, as without `--output`. */
export const STDOUT = "stdout";

/** Temp files not yet renamed or removed: removed on any exit (a signal's second press, a broken stdout). */
const liveTemps = new Set<string>();

/** Removes every temp file still present; for the process's `exit` hook, so synchronous. */
export function removeTempFilesSync(): void {
  for (const temp of liveTemps) {
    rmSync(temp, { force: true });
  }
  liveTemps.clear();
}

/** Opens `path` for an export before any request: throws UsageError or a `cannot write` error (exit 2). */
export async function openOutput(path: string): Promise<OutputFile | typeof STDOUT> {
  if (path.trim() === "") {
    throw new UsageError("--output is empty: give a file path.");
  }
  if (path === "-" || path === "/dev/stdout") {
    return STDOUT;
  }
  const early = (error: unknown) => fileError(path, error, ExitCode.Usage);
  const given = resolve(path);
  // stat follows every link, /proc's magic ones too (/dev/fd/1 on a pipe): a device, FIFO or socket is opened by the
  // path as given; only a regular file needs its real place, to put the temp file beside it.
  const existing = await stat(given).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") {
      return undefined;
    }
    throw early(error);
  });
  if (existing?.isDirectory()) {
    throw new UsageError(`--output ${path} is a directory: give a file path.`);
  }
  if (existing && !existing.isFile()) {
    await access(given, constants.W_OK).catch((error) => {
      throw early(error);
    });
    return existing.isSocket() ? socketTarget(path, given) : deviceTarget(path, given);
  }
  const real = await followLinks(given).catch((error) => {
    throw early(error);
  });
  const folder = dirname(real);
  const folderStats = await stat(folder).catch(() => undefined);
  if (!folderStats?.isDirectory()) {
    throw new UsageError(`--output ${path}: folder ${folder} does not exist.`);
  }
  if (existing) {
    // A read-only file stays read-only for everyone, root aside, as `cp` has it.
    await access(real, constants.W_OK).catch((error) => {
      throw early(error);
    });
  }
  return tempFileTarget(path, real, existing, early);
}

/** The path a chain of symlinks leads to (which may not exist yet: a dangling link makes a new file). */
async function followLinks(path: string): Promise<string> {
  let current = path;
  // 40 links and the file they lead to: as many as Linux follows (stat has already refused a longer chain).
  for (let hops = 0; hops <= 40; hops++) {
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        return undefined;
      }
      throw error;
    });
    if (!info?.isSymbolicLink()) {
      return current;
    }
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error("ELOOP: too many levels of symbolic links"), { code: "ELOOP", syscall: "open" });
}

async function tempFileTarget(
  path: string,
  real: string,
  existing: Stats | undefined,
  early: (error: unknown) => Error,
): Promise<OutputFile> {
  // Cut to 200 characters: a target whose name is near the 255-byte limit must still get a temp file.
  const temp = join(dirname(real), `.${basename(real).slice(0, 200)}.${randomBytes(4).toString("hex")}.partial`);
  // A new file gets the usual mode (0666 less the umask); over an existing one the temp starts private, then takes
  // the existing file's mode and owner, so a 0600 report never becomes world-readable, even for a moment.
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", existing ? 0o600 : 0o666);
  } catch (error) {
    throw early(error);
  }
  liveTemps.add(temp);
  const cleanUp = async () => {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    liveTemps.delete(temp);
  };
  try {
    if (existing) {
      if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) {
        // Only root may give a file away; anyone else's new file is theirs, as with any editor's atomic save.
        await chown(temp, existing.uid, existing.gid).catch(() => {});
      }
      // After chown, which clears setuid/setgid bits.
      await handle.chmod(existing.mode & 0o7777);
    }
  } catch (error) {
    await cleanUp();
    throw early(error);
  }
  return {
    path,
    write: (chunks, signal) =>
      writeChunks(chunks, signal, (buffer) => writeAll(handle, buffer), path).catch(async (error) => {
        await cleanUp();
        throw error;
      }),
    async commit() {
      try {
        await handle.close();
        await rename(temp, real);
        liveTemps.delete(temp);
      } catch (error) {
        await cleanUp();
        throw fileError(path, error, ExitCode.LocalIo);
      }
    },
    async discard() {
      if (liveTemps.has(temp)) {
        await cleanUp();
      }
    },
  };
}

/** A character or block device or a FIFO: written in place, opened only once there is something to write. */
function deviceTarget(path: string, real: string): OutputFile {
  let handle: FileHandle | undefined;
  const close = async () => {
    await handle?.close().catch(() => {});
    handle = undefined;
  };
  return {
    path,
    async write(chunks, signal) {
      try {
        return await writeChunks(
          chunks,
          signal,
          async (buffer) => {
            // O_WRONLY alone: no create, no truncate (a FIFO's open waits here for its reader, as `curl -o` does).
            handle ??= await open(real, constants.O_WRONLY);
            await writeAll(handle, buffer);
          },
          path,
        );
      } finally {
        await close();
      }
    },
    commit: close,
    discard: close,
  };
}

/** A Unix socket: connected to, not opened. */
function socketTarget(path: string, real: string): OutputFile {
  return {
    path,
    async write(chunks, signal) {
      const socket = createConnection(real);
      const failed = new Promise<never>((_resolve, reject) => socket.once("error", reject));
      failed.catch(() => {});
      try {
        return await writeChunks(
          chunks,
          signal,
          (buffer) =>
            Promise.race([
              failed,
              new Promise<void>((resolve, reject) =>
                socket.write(buffer, (error) => (error ? reject(error) : resolve())),
              ),
            ]),
          path,
        );
      } finally {
        await new Promise<void>((resolve) => socket.end(resolve));
        socket.destroy();
      }
    },
    commit: async () => {},
    discard: async () => {},
  };
}

/**
 * Feeds each chunk to `put`, encoding text as UTF-8 and counting bytes. An error of the source (the download)
 * passes as it is; an error of `put` (the disk) becomes `cannot write <path>: <reason>`, exit 7.
 */
async function writeChunks(
  chunks: AsyncIterable<string | Uint8Array>,
  signal: AbortSignal | undefined,
  put: (buffer: Buffer) => Promise<void>,
  path: string,
): Promise<number> {
  let bytes = 0;
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
    if (buffer.length === 0) {
      continue;
    }
    try {
      await put(buffer);
    } catch (error) {
      throw fileError(path, error, ExitCode.LocalIo);
    }
    bytes += buffer.length;
  }
  signal?.throwIfAborted();
  return bytes;
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset);
    offset += bytesWritten;
  }
}
