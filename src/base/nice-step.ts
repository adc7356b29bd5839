/**
 * matplotlib's MaxNLocator step: the smallest 1, 2, 2.5 or 5 × 10^k giving at most `maxBins`
 * intervals over [lo, hi]. The renderer's axis ticks (src/render/ticks.ts) and Figure 6-8's
 * automatic contour levels (src/experiments/contour.ts) both use it, as matplotlib does.
 */
import { checkInteger, checkNumber, fail } from "./validate.js";

const STEPS = [1, 2, 2.5, 5, 10];

/** The step (1, 2, 2.5 or 5 × 10^k) of at most `maxBins` intervals over [lo, hi]. */
export function tickStep(lo: number, hi: number, maxBins: number): number {
  checkNumber("tickStep", "lo", lo);
  checkNumber("tickStep", "hi", hi);
  checkInteger("tickStep", "maxBins", maxBins, 1);
  if (!(hi > lo)) fail("tickStep", "hi", `a number > lo (${lo})`, String(hi));
  const raw = (hi - lo) / maxBins;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const s of STEPS) {
    const step = s * mag;
    if (step >= raw * (1 - 1e-9)) return step;
  }
  return 10 * mag;
}
