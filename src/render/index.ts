/**
 * The plotting layer in one import, for renderers: `new Figure(w, h)`, `fig.subplots(rows, cols)`,
 * then on each Axes plot / contourLines / hist / setXLim / setYLim / setTitle / setXLabel / setYLabel /
 * legend, and `fig.toPng()`. Colours: COLOR_CYCLE (matplotlib's C0 … C9). Renderers only draw.
 */
export {
  Axes,
  LEGEND_LOCS,
  MARKERS,
  type BarOptions,
  type ContourOptions,
  type LegendLoc,
  type LegendOptions,
  type LineOptions,
  type LineStyle,
  type Marker,
  type Polyline,
  type Rect,
} from "./axes.js";
export { FONT_FAMILY, encodePng, newCanvas, renderEnvironment, type RenderEnvironment } from "./canvas.js";
export { DEFAULT_LAYOUT, Figure, type GridLayout } from "./figure.js";
export { COLOR_CYCLE, STYLE, pt, viridis } from "./style.js";
export { formatTicks, niceTicks } from "./ticks.js";
