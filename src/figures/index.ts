/**
 * The registry of the chapter's figures: every figure the main job renders (scripts/figures.ts),
 * the golden tests check (spec/golden/) and `npm run golden:update` re-baselines.
 *
 * Adding a figure takes a few lines:
 *   1. an experiment in src/experiments/ returning plain data (no canvas);
 *   2. a renderer in src/render/ drawing that data with Figure/Axes (no training, no sampling);
 *   3. a FigureEntry (see ./registry.ts) joining the two, e.g. in src/figures/mnist.ts:
 *        export const MNIST_FIGURES = [defineFigure<LossCurves>({
 *          name: "fig6-09-optimizers-mnist", title: "…", bookFigure: "Figure 6-9", section: "§6.1.8",
 *          mistake: "…", atol: 1e-9, slow: true,
 *          data: () => optimizerCompareMnist(), render: (d) => renderLossCurves(d) })];
 *   4. spread that list into FIGURES below;
 *   5. `npm run golden:update -- --missing`, look at golden/<name>.png, commit golden/<name>.{png,json}.
 * Names must be unique and match NAME_PATTERN; the golden suite checks both.
 */
import { HISTOGRAM_FIGURES, RELU_ROWS_FIGURE } from "./activation-histograms.js";
import { MNIST_FIGURES } from "./mnist.js";
import { OPTIMIZER_FIGURES } from "./optimizer-paths.js";
import type { FigureEntry } from "./registry.js";

export { defineFigure, formatJson, NAME_PATTERN, type FigureEntry } from "./registry.js";

export const FIGURES: readonly FigureEntry<unknown>[] = [
  ...OPTIMIZER_FIGURES,
  ...HISTOGRAM_FIGURES,
  RELU_ROWS_FIGURE,
  ...(MNIST_FIGURES as FigureEntry<unknown>[]),
];

/** The entry called `name`, or an Error listing the known names. */
export function figureByName(name: string): FigureEntry<unknown> {
  const f = FIGURES.find((e) => e.name === name);
  if (!f)
    throw new Error(
      `figureByName: argument 'name' expected one of ${FIGURES.map((e) => e.name).join(", ")}, received ${JSON.stringify(name)}`,
    );
  return f;
}
