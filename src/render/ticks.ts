/**
 * Axis ticks as matplotlib's default locator and formatter choose them: multiples of 1, 2, 2.5 or
 * 5 × 10^k, the smallest such step giving at most `maxBins` intervals over [lo, hi]; labels share
 * one number of decimals and negative numbers use the minus sign U+2212. Pure: no canvas.
 */
import { tickStep } from "../base/nice-step.js";

/** The ticks k·step inside [lo, hi] (a tiny tolerance keeps the ends, e.g. −10 and 10 for [−10, 10]). */
export function niceTicks(lo: number, hi: number, maxBins: number): number[] {
  const step = tickStep(lo, hi, maxBins);
  const eps = 1e-9 * step;
  const k0 = Math.ceil((lo - eps) / step),
    k1 = Math.floor((hi + eps) / step);
  const ticks: number[] = [];
  for (let k = k0; k <= k1; k++) ticks.push(roundTo(k * step, decimalsOf(step) + 2));
  return ticks;
}

function roundTo(v: number, decimals: number): number {
  const r = Number(v.toFixed(Math.min(decimals, 20)));
  return r === 0 ? 0 : r; // no −0
}

/** Decimals needed to write `step` exactly (2.5 → 1, 0.25 → 2, 5 → 0), at most 10. */
export function decimalsOf(step: number): number {
  for (let d = 0; d <= 10; d++) if (Math.abs(Number(step.toFixed(d)) - step) <= 1e-9 * Math.abs(step)) return d;
  return 10;
}

/** Labels with one shared number of decimals: [−10, −7.5, 0] → ["−10.0", "−7.5", "0.0"]. */
export function formatTicks(ticks: readonly number[]): string[] {
  let d = 0;
  for (const t of ticks) if (t !== 0) d = Math.max(d, decimalsOf(Math.abs(t)));
  return ticks.map((t) => formatNumber(t, d));
}

/** A number with `decimals` decimals and the typographic minus sign. */
export function formatNumber(v: number, decimals: number): string {
  const s = (v === 0 ? 0 : v).toFixed(decimals);
  return s.startsWith("-") ? `\u2212${s.slice(1)}` : s;
}
