/** The figure of each MNIST experiment's result as PNG bytes (null where no renderer exists yet). */
import type { MnistExperimentResult } from "../src/experiments/mnist/index.js";

export function renderExperimentFigure(_result: MnistExperimentResult): Buffer | null {
  return null;
}
