import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The suite Stryker measures (npm run mutation): the unit and property specs. Left out: the
 * conformance and misconception specs (they rerun those same laws through adapters), the MNIST
 * data spec (no src core code) and anything that needs canvas.
 */
export default mergeConfig(base, defineConfig({
  test: {
    include: ["spec/unit/**/*.spec.ts", "spec/properties/**/*.spec.ts"],
    exclude: ["spec/unit/mnist.spec.ts"],
  },
}));
