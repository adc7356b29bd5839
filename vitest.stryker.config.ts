import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The suite Stryker measures (npm run mutation -- --chunk NAME): the chunk's spec files from
 * mutation/chunks.json, passed by scripts/mutation.ts in MUTATION_SPECS; without it, the unit
 * and property specs. Left out of the default: the conformance and misconception specs (they
 * rerun those same laws through adapters), the MNIST data spec (no src core code) and anything
 * that needs canvas (it crashes in Stryker's workers). `include`/`exclude` replace the base
 * config's lists (mergeConfig would concatenate them and pull every spec back in).
 */
const chunkSpecs = process.env.MUTATION_SPECS ? (JSON.parse(process.env.MUTATION_SPECS) as string[]) : null;

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: chunkSpecs ?? ["spec/unit/**/*.spec.ts", "spec/properties/**/*.spec.ts"],
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
