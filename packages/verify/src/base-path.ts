// After a 404 at the base URL given, the API's documented base paths on the same host (those of the spec's servers,
// then the host's root) are tried with the same read.
import { environments, type RawClient } from "@zuora-reports/client";
import type { Answer, Calls } from "./calls.js";
import type { Recorder } from "./recorder.js";

/** The base paths of the spec's servers (e.g. `/reporting/api/rest/v1`), then the host's root. */
export const BASE_PATHS: readonly string[] = [
  ...new Set([...environments.map((preset) => new URL(preset.url).pathname.replace(/\/+$/, "")), ""]),
];

/** Where the API was found, and which exchanges went elsewhere. */
export interface BasePathSearch {
  /** The answer at the base URL found; undefined when none answered but 404. */
  answer?: Answer;
  /** The base URL found. */
  baseUrl?: string;
  /** Indexes of exchanges sent to a base URL the API does not answer on. */
  misdirected: number[];
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * Tries each other base path with `read`; when one answers, the walk goes on there (`calls` is switched to it) and
 * the 404s sent before are set aside. Otherwise `calls` goes back to `baseUrl` and the tries are set aside.
 */
export async function findBasePath(
  baseUrl: string,
  connect: (baseUrl: string) => RawClient,
  recorder: Recorder,
  calls: Calls,
  read: () => Promise<Answer>,
): Promise<BasePathSearch> {
  const given = new URL(baseUrl);
  const givenPath = given.pathname.replace(/\/+$/, "");
  const start = recorder.exchanges.length;
  for (const path of BASE_PATHS.filter((candidate) => candidate !== givenPath)) {
    const candidate = `${given.origin}${path}`;
    calls.use(connect(candidate));
    const mark = recorder.exchanges.length;
    const answer = await read().catch(() => undefined);
    if (answer && answer.status !== 404) {
      // Token exchanges go to the host: they stay.
      const misdirected = range(0, mark).filter((i) => recorder.exchanges[i]?.status === 404);
      return { answer, baseUrl: candidate, misdirected };
    }
  }
  calls.use(connect(baseUrl));
  return { misdirected: range(start, recorder.exchanges.length) };
}
