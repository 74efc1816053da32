// Mutation testing of the mock's request pipeline (TESTING.md at the repo root):
// `pnpm --filter @zuora-reports/mock mutation`. No threshold yet: the run reports a score per file.
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  // The steps and their order; the node adapter is left out: its mutants mostly make the mock never answer, and each
  // costs the whole timeout (the three files were estimated at over 1.5 h on a 2-core machine).
  mutate: ["src/server/steps.ts", "src/server/pipeline.ts"],
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 4_000,
});
