// Mutation testing of the CLI's file writing and data commands (TESTING.md at the repo root):
// `pnpm --filter @zuora-reports/cli mutation`. No threshold yet: the run reports a score per file.
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  mutate: ["src/output-file.ts", "src/local-io.ts", "src/commands/data.ts", "src/commands/export.ts"],
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 20_000,
});
