// Headless Chromium driven by playwright-core, never a browser downloaded at test time: the system's Chromium when
// there is one (/usr/bin/chromium), otherwise the one shipped inside the @sparticuz/chromium npm package, so the
// suite needs nothing but Node.js.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where a Chromium comes from, and what it needs to start. */
export interface ChromiumBinary {
  source: "system" | "npm";
  executablePath: string;
  /** Extra environment for the browser process (fonts for the packaged build). */
  env: Record<string, string>;
}

export interface Browser {
  context: BrowserContext;
  binary: ChromiumBinary;
  close(): Promise<void>;
}

/**
 * The packaged Chromium, extracted once per version into its own folder under the temp dir. @sparticuz/chromium
 * extracts into `os.tmpdir()` and trusts any file already there; a second process starting during an extraction
 * would launch a half-written binary. So each process extracts into a private folder, then renames it into place
 * (atomic on one file system); the loser of a race drops its copy and uses the winner's.
 */
async function packagedChromium(): Promise<ChromiumBinary> {
  // The package exports no ./package.json: read it beside its entry (build/index.js).
  const entry = fileURLToPath(import.meta.resolve("@sparticuz/chromium"));
  const { version } = JSON.parse(await readFile(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  const home = join(tmpdir(), `zuora-reports-chromium-${version}`);
  const executablePath = join(home, "chromium");
  if (!existsSync(executablePath)) {
    await mkdir(tmpdir(), { recursive: true });
    const staging = await mkdtemp(`${home}.partial-`);
    const { default: sparticuz } = await import("@sparticuz/chromium");
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = staging; // the package extracts into os.tmpdir(), read at call time
    try {
      await sparticuz.executablePath();
    } finally {
      if (previous === undefined) {
        delete process.env.TMPDIR;
      } else {
        process.env.TMPDIR = previous;
      }
    }
    await rename(staging, home).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) {
        throw new Error(`Cannot set up the packaged Chromium in ${home}: ${error.message}`);
      }
    });
  }
  // The package brings its own fonts; use them only where the machine has no fontconfig setup of its own.
  const env: Record<string, string> = existsSync("/etc/fonts/fonts.conf")
    ? {}
    : { FONTCONFIG_PATH: join(home, "fonts") };
  return { source: "npm", executablePath, env };
}

/** The system's Chromium if installed, else the packaged one (extracted on first use, about 2 s). */
export async function findChromium(): Promise<ChromiumBinary> {
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { source: "system", executablePath: SYSTEM_CHROMIUM, env: {} };
  }
  return packagedChromium();
}

/**
 * Launches headless Chromium with a fresh profile. Turbo's strict env mode strips HOME and XDG_* from tasks, so the
 * browser gets its own home, config, cache and temp folders inside the profile.
 */
export async function launchChromium(): Promise<Browser> {
  const binary = await findChromium();
  const profile = await mkdtemp(join(tmpdir(), "docs-chromium-"));
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: profile,
    TMPDIR: profile,
    XDG_CONFIG_HOME: join(profile, "config"),
    XDG_CACHE_HOME: join(profile, "cache"),
    XDG_DATA_HOME: join(profile, "data"),
    ...binary.env,
  };
  const context = await chromium.launchPersistentContext(join(profile, "user-data"), {
    executablePath: binary.executablePath,
    headless: true,
    args: FLAGS,
    env,
    viewport: { width: 1400, height: 1000 },
    // No animations (Redoc honours it): the sidebar folds at once, so clicks and screenshots meet a settled page.
    reducedMotion: "reduce",
  });
  return {
    context,
    binary,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
