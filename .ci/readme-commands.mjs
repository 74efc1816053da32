// Every command the README shows, run exactly as written, so a command that stops working (a script renamed, a
// script name that pnpm itself owns, a flag that changed) fails CI:
// - every `pnpm <name>` in any README must reach a script (or be one of pnpm's own commands, used as such);
// - the root README's shell blocks run in order, each block in one bash (so `export`/`cd` carry), against a mock
//   that `pnpm mock` serves on its default port; a console block's `exit N` lines are compared;
// - a command that serves until Ctrl-C (`pnpm mock`, `pnpm docs:serve`) must print its URL, answer on it, and stop
//   on SIGINT;
// - quietness: a cached `pnpm cli` prints what the CLI prints and nothing more; `pnpm mock` and `pnpm docs:serve`
//   print nothing of turbo's.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const SERVER = /(?:^|&&\s*)(?:npx -y )?pnpm(?:@[\d.]+)? (?:mock|docs:serve)\s*(?:#.*)?$/;
const failures = [];
const say = (line) => process.stdout.write(`${line}\n`);

/** The shell commands of a README's fenced sh/console blocks; a console block's output lines are kept. */
function shellBlocks(markdown) {
  const blocks = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (const [, lang, body] of markdown.matchAll(fence)) {
    if (!["sh", "bash", "shell", "console"].includes(lang)) {
      continue;
    }
    const commands = [];
    const lines = body.replace(/\\\n\s*/g, "").split("\n");
    for (const line of lines) {
      if (lang === "console") {
        if (line.startsWith("$ ")) {
          commands.push({ command: line.slice(2), output: [] });
        } else {
          commands.at(-1)?.output.push(line);
        }
      } else if (line.trim() && !line.trim().startsWith("#")) {
        commands.push({ command: line, output: [] });
      }
    }
    blocks.push(commands);
  }
  return blocks;
}

/** pnpm's own commands and aliases, from `pnpm --help`. */
function pnpmBuiltins() {
  const help = spawnSync("pnpm", ["--help"], { encoding: "utf8" }).stdout ?? "";
  const names = new Set();
  for (const match of help.matchAll(/^ {2}([a-z][\w-]*)\s+.*?(?:\[aliases?: ([^\]]+)\])?$/gm)) {
    names.add(match[1]);
    for (const alias of match[2]?.split(",") ?? []) {
      names.add(alias.trim());
    }
  }
  return names;
}

const manifests = new Map();
for (const dir of [
  ".",
  "spec",
  "bench",
  ...["packages", "apps"].flatMap((d) => readdirSync(join(root, d)).map((n) => `${d}/${n}`)),
]) {
  try {
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    manifests.set(manifest.name, { dir, scripts: manifest.scripts ?? {} });
  } catch {
    // not a package
  }
}
const rootScripts = manifests.get(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).name).scripts;

/** Checks that each `pnpm …` in `command` reaches what the README means. */
function checkDispatch(command, where, builtins) {
  // Pnpm's commands that the README uses as pnpm's own (install, pack…) or that run a script (test, run).
  const ownUse = new Set(["install", "i", "test", "t", "run", "exec", "pack", "add", "dlx"]);
  // A trailing comment is prose, not a command.
  const code = command.replace(/(^|\s)#.*$/, "");
  for (const [, args] of code.matchAll(/\bpnpm(?:@[\d.]+)?((?: +[^\s;&|]+)*)/g)) {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const filters = [];
    while (words[0]?.startsWith("-")) {
      const flag = words.shift();
      if (flag === "--filter" || flag === "-F" || flag === "-C" || flag === "--dir") {
        filters.push(words.shift());
      }
    }
    const name = words[0];
    if (!name || name.startsWith("<")) {
      continue;
    }
    const target = filters.length ? manifests.get(filters[0]?.replace(/\.\.\.$/, ""))?.scripts : rootScripts;
    const label = `${where}: \`pnpm ${args.trim()}\``;
    if (!target) {
      failures.push(`${label}: no workspace package ${filters[0]}`);
    } else if (builtins.has(name) && !ownUse.has(name) && target[name]) {
      failures.push(`${label}: pnpm runs its own \`${name}\` command, not the script of that name; rename the script`);
    } else if (!builtins.has(name) && !target[name]) {
      failures.push(`${label}: there is no script \`${name}\``);
    }
  }
}

/** Starts a command that serves until Ctrl-C; resolves once it printed a URL and answered on it. */
function startServer(command) {
  const child = spawn("bash", ["-c", command], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const url = /(https?:\/\/(?:127\.0\.0\.1|localhost)[\w.:[\]/-]*)/.exec(log)?.[1];
      if (url) {
        child.stdout.off("data", onData);
        resolve(url);
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      log += chunk;
    });
    exited.then((code) => reject(new Error(`exited (${code}) before printing its URL:\n${log.slice(-2000)}`)));
  });
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGINT");
    } catch {
      // already gone
    }
    return exited;
  };
  return { ready, stop, log: () => log };
}

async function checkServer(command) {
  const server = startServer(command);
  try {
    const url = await server.ready;
    checkServerQuiet(command, server.log());
    const response = await fetch(new URL(url).origin);
    await response.body?.cancel();
    say(`ok    ${command}  (answered ${response.status} on ${new URL(url).origin}, stopped with Ctrl-C)`);
  } catch (error) {
    failures.push(`\`${command}\`: ${error.message}`);
  }
  await server.stop();
}

/** Runs a block's commands in one bash, in order; stops at the first that fails (later ones may depend on it). */
function runBlock(commands) {
  const script = commands
    .map(
      ({ command }, i) =>
        `printf '\\n@@begin ${i}\\n'\n${command}\n__status=$?\nprintf '\\n@@end ${i} %s\\n' "$__status"\n[ "$__status" = 0 ] || exit 0`,
    )
    .join("\n");
  // A command that never ends (a server the README does not mark as one) must not hang CI.
  const result = spawnSync("bash", ["-c", script], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60_000,
    killSignal: "SIGKILL",
  });
  commands.forEach(({ command, output }, i) => {
    const segment = new RegExp(`@@begin ${i}\\n([\\s\\S]*?)\\n@@end ${i} (\\d+)`).exec(result.stdout);
    if (!segment) {
      return;
    }
    const [, printed, status] = segment;
    const expectedExit = output.find((line) => /^exit \d+$/.test(line));
    if (status !== "0") {
      failures.push(`\`${command}\` exited ${status}:\n${printed.slice(-1500)}${result.stderr.slice(-1500)}`);
    } else if (expectedExit && !printed.split("\n").includes(expectedExit)) {
      failures.push(`\`${command}\`: the README shows "${expectedExit}", it printed:\n${printed.slice(-1500)}`);
    } else {
      say(`ok    ${command}`);
    }
  });
}

/** Turbo's banner and summary: the user asked for a CLI, a mock or a docs server, not for turbo's account of it. */
const TURBO = /turbo \d|Tasks:|Cached:|FULL TURBO|Packages in scope|Running build in|Remote caching/;
/** pnpm 12 echoes the script it runs (`$ node …`), with no setting to turn that off (see apps/cli/README.md). */
const PNPM_ECHO = /^\$ node apps\/cli\/scripts\//;

/**
 * `pnpm cli` builds through turbo first. With the build cached it must print exactly what the CLI prints: the same
 * stdout as the built binary, and nothing on stderr but pnpm's own echo (no turbo line, no "building" notice).
 */
function checkCliQuiet() {
  spawnSync("pnpm", ["cli", "environments"], { cwd: root, encoding: "utf8" });
  const viaPnpm = spawnSync("pnpm", ["cli", "environments"], { cwd: root, encoding: "utf8" });
  const direct = spawnSync(process.execPath, ["apps/cli/dist/cli.mjs", "environments"], {
    cwd: root,
    encoding: "utf8",
  });
  const extra = viaPnpm.stderr.split("\n").filter((line) => line.trim() && !PNPM_ECHO.test(line));
  if (viaPnpm.status !== 0 || extra.length || viaPnpm.stdout !== direct.stdout) {
    failures.push(
      `\`pnpm cli environments\` (cached) printed more than the CLI does (exit ${viaPnpm.status}):\n${viaPnpm.stderr}` +
        (viaPnpm.stdout === direct.stdout
          ? ""
          : `\nstdout differs from dist/cli.mjs's:\n${viaPnpm.stdout.slice(0, 1500)}`),
    );
  } else {
    say("ok    pnpm cli prints what the CLI prints and nothing else when its build is cached");
  }
}

/** A server command's output up to its URL holds nothing of turbo's (a "building …" line is allowed: not turbo's). */
function checkServerQuiet(command, log) {
  const turbo = log.split("\n").filter((line) => TURBO.test(line));
  if (turbo.length) {
    failures.push(`\`${command}\` printed turbo's output:\n${turbo.join("\n")}`);
  } else {
    say(`ok    ${command} prints nothing of turbo's`);
  }
}

const builtins = pnpmBuiltins();
if (!builtins.has("install")) {
  failures.push("cannot read pnpm's commands from `pnpm --help`");
}
const readmes = ["README.md", ...[...manifests.values()].map(({ dir }) => `${dir}/README.md`)];
for (const file of new Set(readmes)) {
  let text;
  try {
    text = readFileSync(join(root, file), "utf8");
  } catch {
    continue;
  }
  for (const block of shellBlocks(text)) {
    for (const { command } of block) {
      checkDispatch(command, file, builtins);
    }
  }
}

checkCliQuiet();
const blocks = shellBlocks(readFileSync(join(root, "README.md"), "utf8"));
for (const { command } of blocks.flat().filter(({ command }) => SERVER.test(command))) {
  await checkServer(command);
}
// The rest runs against `pnpm mock` on its default port, as the README says.
const mock = startServer("pnpm mock");
try {
  await mock.ready;
  checkServerQuiet("pnpm mock", mock.log());
  for (const block of blocks) {
    const commands = block.filter(({ command }) => !SERVER.test(command));
    if (commands.length) {
      runBlock(commands);
    }
  }
} catch (error) {
  failures.push(`\`pnpm mock\`: ${error.message}`);
} finally {
  await mock.stop();
}

if (failures.length) {
  process.stderr.write(`\n${failures.length} README command(s) do not work as written:\n\n${failures.join("\n\n")}\n`);
  process.exit(1);
}
say("Every README command works as written.");
