import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["spec/**/*.spec.ts"],
    // fast-check seed: pinned under CI, random locally, printed on failure.
    setupFiles: ["spec/setup/fast-check.ts"],
    // A folder for the runs spec files share (spec/shared-runs.ts), fresh for each test run.
    globalSetup: ["spec/setup/shared-runs-dir.ts"],
    // Two cores on the reference machine: two workers.
    maxWorkers: 2,
    testTimeout: 60_000,
    coverage: { provider: "v8", include: ["src/**"], reporter: ["text-summary", "html"] },
  },
});
