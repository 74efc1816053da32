// Mutation testing of the client's src/ (TESTING.md at the repo root): `pnpm mutation` at the root, or
// `pnpm --filter @zuora-reports/client mutation`. Equivalent mutants left alive, with reasons: stryker-equivalent.md.
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  mutate: ["src/**/*.ts"],
  thresholds: { high: 90, low: 85, break: 85 },
  html: true,
});
