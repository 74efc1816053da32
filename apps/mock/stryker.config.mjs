// Mutation testing of the mock's request pipeline (TESTING.md at the repo root):
// `pnpm --filter @zuora-reports/mock mutation`. No threshold yet: the run reports a score per file.
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  mutate: ["src/server/pipeline.ts", "src/server/steps.ts", "src/server/node-adapter.ts"],
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 20_000,
});
