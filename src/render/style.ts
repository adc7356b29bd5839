/**
 * The look of the figures, after matplotlib's defaults (100 dpi, so 1 pt = 100/72 px):
 * the tab10 colour cycle, viridis for contour levels, font sizes and line widths.
 */

/** Points to pixels at 100 dpi. */
export const pt = (points: number): number => (points * 100) / 72;

/** matplotlib's default colour cycle (tab10): C0 … C9. */
export const COLOR_CYCLE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
] as const;

/** Viridis at 0, 1/9, …, 1 (matplotlib's default colormap: #440154 … #fde725), for contour levels. */
const VIRIDIS = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [181, 222, 43],
  [253, 231, 37],
] as const;
const VIRIDIS_AT = VIRIDIS.map((_, i) => i / (VIRIDIS.length - 1));

/** Viridis at t ∈ [0, 1] (linear between the tabulated stops), as "#rrggbb". */
export function viridis(t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  let i = 0;
  while (i < VIRIDIS_AT.length - 2 && u > VIRIDIS_AT[i + 1]) i++;
  const a = VIRIDIS[i],
    b = VIRIDIS[i + 1];
  const f = (u - VIRIDIS_AT[i]) / (VIRIDIS_AT[i + 1] - VIRIDIS_AT[i]);
  const c = [0, 1, 2].map((k) => Math.round(a[k] + f * (b[k] - a[k])));
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

export const STYLE = {
  fontSize: pt(10),
  titleSize: pt(12),
  tickLabelSize: pt(10),
  legendSize: pt(10),
  lineWidth: pt(1.5),
  markerSize: pt(6),
  spineWidth: pt(0.8),
  tickLength: pt(3.5),
  tickWidth: pt(0.8),
  tickPad: pt(3.5),
  labelPad: pt(4),
  titlePad: pt(6),
  text: "#000000",
  spine: "#000000",
  legendEdge: "#cccccc",
} as const;
