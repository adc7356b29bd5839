import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["spec/**/*.spec.ts"],
    // fast-check seed: pinned under CI, random locally, printed on failure.
    setupFiles: ["spec/setup/fast-check.ts"],
    // A folder for the runs spec files share (spec/run-once.ts), fresh for each test run.
    // The Python interpreter's path, asked once and inherited by every worker (spec/setup/python-interpreter.ts).
    globalSetup: ["spec/setup/run-once-dir.ts", "spec/setup/python-interpreter.ts"],
    // Two cores on the reference machine: two workers.
    maxWorkers: 2,
    // Each worker runs its spec files one after another in one module graph instead of a fresh one
    // per file: a file's start costs ~0.1 s instead of ~1 s (62 files), and a module's memo (the
    // MNIST split, a shared run) serves every file of the worker. Specs restore what they change
    // (timers, process.env). `npx vitest run --isolate` runs each file on its own (docs/testing.md).
    isolate: false,
    testTimeout: 60_000,
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache, keyed by
    // content) and reused by the next run: about 4 s of CPU less per run (docs/testing.md).
    // `npx vitest --clearCache` empties it.
    experimental: { fsModuleCache: true },
    coverage: { provider: "v8", include: ["src/**"], reporter: ["text-summary", "html"] },
  },
});
