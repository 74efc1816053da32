import { type Environment, SERVERS } from "@zuora-reports/types";
import { fail } from "./validate.js";

/** One environment preset: a server of the spec and its `x-environment` name. */
export interface EnvironmentPreset {
  environment: Environment;
  /** The base URL, base path included. */
  url: string;
  description: string;
}

/** Every environment preset, taken from the `servers` of the bundled spec. */
export const environments: readonly EnvironmentPreset[] = SERVERS;

/** The base URL of a preset; throws {@link InvalidArgumentError} for an unknown name. */
export const environmentUrl = (environment: string): string =>
  environments.find((candidate) => candidate.environment === environment)?.url ??
  fail(
    `Unknown environment ${JSON.stringify(environment)}; use one of ${environments.map((e) => e.environment).join(", ")}, or pass baseUrl.`,
  );

/** Whether a base URL is on a legacy zconnect host, where only username/password auth works. */
export function isLegacyHost(baseUrl: string): boolean {
  const host = new URL(baseUrl).host;
  return environments.some((e) => e.environment.startsWith("legacy-") && new URL(e.url).host === host);
}
