import { type Environment, SERVERS } from "@zuora-reports/types";

/** One environment preset: a server of the spec and its `x-environment` name. */
export interface EnvironmentPreset {
  environment: Environment;
  /** The base URL, base path included. */
  url: string;
  description: string;
}

/** Every environment preset, taken from the `servers` of the bundled spec. */
export const environments: readonly EnvironmentPreset[] = SERVERS;
