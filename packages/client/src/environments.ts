import { type Environment, SERVERS } from "@zuora-reports/types";
import { InvalidArgumentError } from "./errors.js";

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
export function environmentUrl(environment: string): string {
  const preset = environments.find((candidate) => candidate.environment === environment);
  if (!preset) {
    throw new InvalidArgumentError(
      `Unknown environment ${JSON.stringify(environment)}; use one of ${environments.map((e) => e.environment).join(", ")}, or pass baseUrl.`,
    );
  }
  return preset.url;
}

/** Whether a base URL is on a legacy zconnect host, where only username/password auth works. */
export function isLegacyHost(baseUrl: string): boolean {
  const host = new URL(baseUrl).host;
  return environments.some((e) => e.environment.startsWith("legacy-") && new URL(e.url).host === host);
}
