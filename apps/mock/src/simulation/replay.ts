// Replay: the answers a tenant (or the mock) gave, as `verify --record` wrote them, given again to the requests
// they match. A request matches a fixture of its operation whose path agrees segment by segment (a `{param}` of the
// recorded template matches any value, a recorded value only itself and before any template) and whose query has
// the same names and values. Several fixtures of one request (the polls of a run) answer in file order; the last one
// repeats once they are used.
import { statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { type Conformance, type Fixture, fixtureExchange, readFixtures } from "@zuora-reports/conformance";

/** A recorded answer, ready to send. */
export interface ReplayAnswer {
  status: number;
  /** The recorded response headers (lower-case names), as recorded. */
  headers: Record<string, string>;
  /** The body, encoded as it was on the wire (UTF-16LE with its byte-order mark for the export). */
  body: Buffer;
  /** The fixture's file, for the log line. */
  file: string;
}

interface Entry {
  operationId: string;
  method: string;
  segments: readonly string[];
  query: ReadonlyMap<string, string>;
  answers: ReplayAnswer[];
  used: number;
}

/** The recorded exchanges of a folder, in order. */
export class Replay {
  readonly #entries: Entry[] = [];
  /** How many exchanges were loaded. */
  readonly size: number;

  constructor(fixtures: readonly { file: string; fixture: Fixture }[]) {
    for (const { file, fixture } of fixtures) {
      const segments = fixture.request.path.split("/");
      const query = new Map(Object.entries(fixture.request.query ?? {}));
      const entry =
        this.#entries.find(
          (e) =>
            e.operationId === fixture.operationId &&
            e.method === fixture.request.method.toUpperCase() &&
            e.segments.join("/") === segments.join("/") &&
            sameQuery(e.query, query),
        ) ?? this.#add(fixture, segments, query);
      entry.answers.push(answerOf(file, fixture));
    }
    this.size = fixtures.length;
  }

  #add(fixture: Fixture, segments: string[], query: Map<string, string>): Entry {
    const entry: Entry = {
      operationId: fixture.operationId,
      method: fixture.request.method.toUpperCase(),
      segments,
      query,
      answers: [],
      used: 0,
    };
    this.#entries.push(entry);
    return entry;
  }

  /** The next recorded answer for this request, or `undefined` when no fixture matches it. */
  answer(operationId: string, method: string, pathname: string, search: URLSearchParams): ReplayAnswer | undefined {
    const segments = pathname.split("/");
    const query = new Map([...search]);
    const matching = this.#entries.filter(
      (e) =>
        e.operationId === operationId &&
        e.method === method.toUpperCase() &&
        pathMatches(e.segments, segments) &&
        sameQuery(e.query, query),
    );
    // A fixture recorded with this very id wins over one recorded with a `{param}`.
    const literals = (e: Entry) => e.segments.filter((segment) => !isParam(segment)).length;
    const entry = matching.sort((a, b) => literals(b) - literals(a))[0];
    if (!entry) {
      return undefined;
    }
    const answer = entry.answers[Math.min(entry.used, entry.answers.length - 1)] as ReplayAnswer;
    entry.used += 1;
    return answer;
  }
}

const isParam = (segment: string) => /^\{[^}]+\}$/.test(segment);

function pathMatches(recorded: readonly string[], requested: readonly string[]): boolean {
  return (
    recorded.length === requested.length &&
    recorded.every((segment, i) => isParam(segment) || segment === decodeURIComponent(requested[i] ?? ""))
  );
}

function sameQuery(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, value]) => b.get(name) === value);
}

function answerOf(file: string, fixture: Fixture): ReplayAnswer {
  const { response } = fixture;
  let body: Buffer;
  if ("json" in response) {
    body = Buffer.from(JSON.stringify(response.json), "utf8");
  } else {
    const text = response.text ?? "";
    const charset = response.encoding?.charset.toLowerCase() ?? "utf-8";
    const utf16 = charset === "utf-16le" || charset === "utf-16";
    const bom = response.encoding?.bom ? (utf16 ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf])) : null;
    const encoded = Buffer.from(text, utf16 ? "utf16le" : "utf8");
    body = bom ? Buffer.concat([bom, encoded]) : encoded;
  }
  return { status: response.status, headers: { ...response.headers }, body, file };
}

/** `path` relative to the working folder when inside it, else as it is. */
function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? path : inside;
}

/** A folder that cannot be replayed: the one line `pnpm mock` prints. */
export class ReplayError extends Error {
  override readonly name = "ReplayError";
}

/**
 * The fixtures of `folder`, each checked against the document through conformance (the one validator): a folder
 * that is missing or unreadable, a file that is not a fixture, or one that breaks the document is refused, naming it.
 */
export function loadReplay(folder: string, conformance: Conformance): Replay {
  const shown = shownPath(folder);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReplayError(`replay folder ${shown} cannot be read (${code === "ENOENT" ? "it does not exist" : code}).`);
  }
  if (!isFolder) {
    throw new ReplayError(`replay folder ${shown} is not a folder.`);
  }
  let fixtures: { file: string; fixture: Fixture }[];
  try {
    fixtures = readFixtures(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const text = code ? `cannot be read (${code})` : (error as Error).message;
    throw new ReplayError(code ? `replay folder ${shown} ${text}.` : `replay: ${text}`);
  }
  for (const { file, fixture } of fixtures) {
    const name = shownPath(file);
    let operation: ReturnType<Conformance["operation"]> | undefined;
    try {
      operation = conformance.operation(fixture.operationId);
    } catch {
      operation = undefined;
    }
    if (!operation) {
      throw new ReplayError(`replay: ${name} names no operation of the document (${fixture.operationId}).`);
    }
    const verdict = conformance.check(fixtureExchange(fixture), { charset: true });
    if (verdict.operation?.operationId !== fixture.operationId || verdict.violations.length > 0) {
      const problems = verdict.violations.map((v) => `${v.path}: expected ${v.expected}, got ${v.seen}`);
      const why = problems.length > 0 ? problems.join("; ") : `its request is not ${fixture.operationId}`;
      throw new ReplayError(`replay: ${name} does not conform to the document: ${why}`.slice(0, 500));
    }
  }
  return new Replay(fixtures);
}
