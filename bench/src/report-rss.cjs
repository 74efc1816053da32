// Preloaded with `node --require` into a measured process: on exit, writes its peak RSS (bytes) and CPU time (µs)
// as JSON to the file named by BENCH_USAGE_FILE. The measured program needs no change.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  const usage = process.resourceUsage();
  const file = process.env.BENCH_USAGE_FILE;
  if (file) {
    // maxRSS is in kilobytes.
    writeFileSync(
      file,
      JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuUs: usage.userCPUTime + usage.systemCPUTime }),
    );
  }
});
