import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The suite Stryker measures (npm run mutation): the unit and property specs. Left out: the
 * conformance and misconception specs (they rerun those same laws through adapters), the MNIST
 * data spec (no src core code) and anything that needs canvas (it crashes in Stryker's workers).
 * `include`/`exclude` replace the base config's lists (mergeConfig would concatenate them and pull
 * every spec back in).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["spec/unit/**/*.spec.ts", "spec/properties/**/*.spec.ts"],
    // As before npm test shared workers and runs (docs/testing.md): each file on its own, no shared-run folder.
    isolate: true,
    globalSetup: [],
    exclude: [
      "spec/unit/mnist.spec.ts",
      "spec/unit/plotting-layer-draws-like-matplotlib.spec.ts",
      "spec/unit/logspace.spec.ts",
      "spec/unit/experiments-report-progress-and-stop.spec.ts",
      "node_modules/**",
    ],
  },
});
