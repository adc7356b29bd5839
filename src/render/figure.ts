/**
 * Figure: a white canvas of width×height pixels holding axes, laid out as a grid of subplots
 * (matplotlib's plt.subplot(rows, cols, k)) or placed by hand, with an optional title over all.
 * `toPng()` draws everything and returns byte-deterministic PNG bytes.
 */
import { Axes, type Rect } from "./axes.js";
import { FONT_FAMILY, encodePng, newCanvas, type Canvas } from "./canvas.js";
import { STYLE } from "./style.js";
import { checkInteger, checkNonNegative, fail } from "../base/validate.js";

/** Margins around the grid of subplots and the gaps between them, in pixels. */
export interface GridLayout {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Horizontal gap between neighbouring axes. */
  wspace: number;
  /** Vertical gap between neighbouring axes. */
  hspace: number;
}

/** Room for tick labels, axis labels and titles with the default font sizes. */
export const DEFAULT_LAYOUT: GridLayout = { left: 72, right: 24, top: 40, bottom: 56, wspace: 64, hspace: 72 };

export class Figure {
  readonly width: number;
  readonly height: number;
  readonly axes: Axes[] = [];
  private title = "";

  constructor(width: number, height: number) {
    this.width = checkInteger("Figure", "width", width, 1);
    this.height = checkInteger("Figure", "height", height, 1);
  }

  /** Axes at a pixel rectangle of the figure. */
  addAxes(rect: Rect): Axes {
    const ax = new Axes(rect);
    this.axes.push(ax);
    return ax;
  }

  /** A rows×cols grid of axes, row by row (index k is matplotlib's subplot(rows, cols, k + 1)). */
  subplots(rows: number, cols: number, layout: Partial<GridLayout> = {}): Axes[] {
    checkInteger("Figure.subplots", "rows", rows, 1);
    checkInteger("Figure.subplots", "cols", cols, 1);
    const L = { ...DEFAULT_LAYOUT, ...layout };
    for (const k of Object.keys(L) as (keyof GridLayout)[]) checkNonNegative("Figure.subplots", `layout.${k}`, L[k]);
    const w = (this.width - L.left - L.right - (cols - 1) * L.wspace) / cols;
    const h = (this.height - L.top - L.bottom - (rows - 1) * L.hspace) / rows;
    if (!(w >= 10 && h >= 10))
      fail(
        "Figure.subplots",
        "layout",
        `margins leaving each of the ${rows}×${cols} axes at least 10×10 px in a ${this.width}×${this.height} figure`,
        `${w.toFixed(1)}×${h.toFixed(1)} px`,
      );
    const out: Axes[] = [];
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        out.push(this.addAxes({ x: L.left + j * (w + L.wspace), y: L.top + i * (h + L.hspace), w, h }));
    return out;
  }

  /** A title over the whole figure (matplotlib's suptitle). */
  suptitle(text: string): this {
    this.title = String(text);
    return this;
  }

  toCanvas(): Canvas {
    const canvas = newCanvas(this.width, this.height);
    const ctx = canvas.getContext("2d");
    for (const ax of this.axes) ax.draw(ctx);
    if (this.title) {
      ctx.fillStyle = STYLE.text;
      ctx.font = `${STYLE.titleSize}px "${FONT_FAMILY}"`;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.fillText(this.title, this.width / 2, 8);
    }
    return canvas;
  }

  toPng(): Buffer {
    return encodePng(this.toCanvas());
  }
}
