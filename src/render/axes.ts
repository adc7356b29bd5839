/**
 * Axes: one plotting area of a figure, in the manner of matplotlib's. Artists (line/marker series,
 * contour lines, bars) are collected first and drawn by `draw`, after the limits are known: limits
 * set with setXLim/setYLim win, otherwise they fit the data with matplotlib's 5% margins (bars
 * stick to 0). Then come the frame, ticks with labels, axis labels, title and legend.
 * Everything is drawn in pixels at 100 dpi with the shipped font (see canvas.ts).
 */
import { FONT_FAMILY, type Ctx } from "./canvas.js";
import { simplify } from "../base/simplify.js";
import { COLOR_CYCLE, STYLE, pt, viridis } from "./style.js";
import { formatTicks, niceTicks } from "./ticks.js";
import { checkInteger, checkNumber, checkPositive, describe, fail } from "../base/validate.js";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A polyline in data coordinates [x0, y0, x1, y1, …]; closed ones repeat the first point at the end. */
export type Polyline = number[];

export type LineStyle = "solid" | "dashed" | "dotted" | "dashdot" | "none";
export const MARKERS = ["none", "o", ".", "+", "x", "s", "^", "v", "D", "*"] as const;
export type Marker = (typeof MARKERS)[number];
export const LEGEND_LOCS = [
  "best",
  "upper right",
  "upper left",
  "lower left",
  "lower right",
  "center right",
  "center left",
  "upper center",
  "lower center",
  "center",
] as const;
export type LegendLoc = (typeof LEGEND_LOCS)[number];

export interface LineOptions {
  /** CSS colour; omitted: the next colour of the tab10 cycle (C0, C1, …). */
  color?: string;
  /** "solid" (default), "dashed", "dotted", "dashdot" or "none" (markers only). */
  lineStyle?: LineStyle;
  /** In points (default 1.5). */
  lineWidth?: number;
  /** "none" (default), "o", ".", "+", "x", "s", "^", "v", "D" or "*". */
  marker?: Marker;
  /** Marker size in points (default 6). */
  markerSize?: number;
  /** Draw a marker on every n-th point only (matplotlib's markevery). */
  markEvery?: number;
  /** Shown in the legend. */
  label?: string;
}

export interface ContourOptions {
  /** One colour per level; default viridis over the levels, as matplotlib colours them. */
  colors?: string[];
  /** In points (default 1.5). */
  lineWidth?: number;
}

export interface BarOptions {
  color?: string;
  label?: string;
}

export interface LegendOptions {
  loc?: LegendLoc;
}

type LineArtist = {
  kind: "line";
  x: number[];
  y: number[];
  color: string;
  lineStyle: LineStyle;
  lineWidth: number;
  marker: Marker;
  markerSize: number;
  markEvery: number;
  label?: string;
};
type ContourArtist = {
  kind: "contour";
  levels: { color: string; lines: Polyline[] }[];
  lineWidth: number;
  xr: [number, number];
  yr: [number, number];
};
type BarArtist = { kind: "bars"; left: number[]; width: number[]; height: number[]; color: string; label?: string };
type Artist = LineArtist | ContourArtist | BarArtist;

const font = (px: number) => `${px}px "${FONT_FAMILY}"`;

function toNumbers(where: string, arg: string, v: unknown): number[] {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) fail(where, arg, "an array of numbers", describe(v));
  const a = Array.from(v as ArrayLike<number>);
  a.forEach((n, i) => {
    if (typeof n !== "number" || Number.isNaN(n)) fail(where, `${arg}[${i}]`, "a number", describe(n));
  });
  return a;
}

function checkLimits(where: string, lo: number, hi: number): [number, number] {
  checkNumber(where, "lo", lo);
  checkNumber(where, "hi", hi);
  if (!(hi > lo)) fail(where, "hi", `a number > lo (${lo})`, String(hi));
  return [lo, hi];
}

export class Axes {
  readonly rect: Rect;
  private readonly artists: Artist[] = [];
  private cycle = 0;
  private xlim: [number, number] | null = null;
  private ylim: [number, number] | null = null;
  private xticks: { at: number[]; labels: string[] | null } | null = null;
  private yticks: { at: number[]; labels: string[] | null } | null = null;
  private title = "";
  private xlabel = "";
  private ylabel = "";
  private legendOptions: LegendOptions | null = null;

  constructor(rect: Rect) {
    for (const k of ["x", "y", "w", "h"] as const) checkNumber("Axes", `rect.${k}`, rect?.[k]);
    if (!(rect.w > 0 && rect.h > 0)) fail("Axes", "rect", "a positive width and height", `${rect.w}×${rect.h}`);
    this.rect = { x: Math.round(rect.x), y: Math.round(rect.y), w: Math.round(rect.w), h: Math.round(rect.h) };
  }

  private nextColor(): string {
    return COLOR_CYCLE[this.cycle++ % COLOR_CYCLE.length];
  }

  /** A line and/or marker series through (x[k], y[k]) (matplotlib's plot; "o-" is marker "o", solid line). */
  plot(x: ArrayLike<number>, y: ArrayLike<number>, options: LineOptions = {}): this {
    const xs = toNumbers("Axes.plot", "x", x),
      ys = toNumbers("Axes.plot", "y", y);
    if (xs.length !== ys.length) fail("Axes.plot", "y", `${xs.length} values (as many as x)`, String(ys.length));
    const lineStyle = options.lineStyle ?? "solid";
    if (!["solid", "dashed", "dotted", "dashdot", "none"].includes(lineStyle))
      fail("Axes.plot", "lineStyle", "one of 'solid', 'dashed', 'dotted', 'dashdot', 'none'", describe(lineStyle));
    const marker = options.marker ?? "none";
    if (!(MARKERS as readonly string[]).includes(marker))
      fail("Axes.plot", "marker", `one of ${MARKERS.map((m) => `'${m}'`).join(", ")}`, describe(marker));
    this.artists.push({
      kind: "line",
      x: xs,
      y: ys,
      color: options.color ?? this.nextColor(),
      lineStyle,
      lineWidth: pt(checkPositive("Axes.plot", "lineWidth", options.lineWidth ?? 1.5)),
      marker,
      markerSize: pt(checkPositive("Axes.plot", "markerSize", options.markerSize ?? 6)),
      markEvery: checkInteger("Axes.plot", "markEvery", options.markEvery ?? 1, 1),
      ...(options.label !== undefined ? { label: options.label } : {}),
    });
    return this;
  }

  /** Contour lines computed elsewhere (see src/experiments/contour.ts): lines[k] are the polylines of levels[k]. */
  contourLines(lines: Polyline[][], levels: readonly number[], options: ContourOptions = {}): this {
    if (lines.length !== levels.length)
      fail("Axes.contourLines", "lines", `${levels.length} lists of polylines (one per level)`, String(lines.length));
    if (options.colors && options.colors.length !== levels.length)
      fail("Axes.contourLines", "colors", `${levels.length} colours (one per level)`, String(options.colors.length));
    const lo = Math.min(...levels),
      hi = Math.max(...levels);
    const colorOf = (k: number) => options.colors?.[k] ?? viridis(hi > lo ? (levels[k] - lo) / (hi - lo) : 0);
    let xr: [number, number] = [Infinity, -Infinity],
      yr: [number, number] = [Infinity, -Infinity];
    for (const ls of lines)
      for (const l of ls)
        for (let k = 0; k < l.length; k += 2) {
          xr = [Math.min(xr[0], l[k]), Math.max(xr[1], l[k])];
          yr = [Math.min(yr[0], l[k + 1]), Math.max(yr[1], l[k + 1])];
        }
    this.artists.push({
      kind: "contour",
      levels: lines.map((ls, k) => ({ color: colorOf(k), lines: ls })),
      lineWidth: pt(checkPositive("Axes.contour", "lineWidth", options.lineWidth ?? 1.5)),
      xr,
      yr,
    });
    return this;
  }

  /** Histogram bars over bins [edges[k], edges[k+1]) of heights counts[k] (matplotlib's hist, from counted data). */
  hist(edges: ArrayLike<number>, counts: ArrayLike<number>, options: BarOptions = {}): this {
    const e = toNumbers("Axes.hist", "edges", edges),
      c = toNumbers("Axes.hist", "counts", counts);
    if (e.length !== c.length + 1)
      fail("Axes.hist", "edges", `${c.length + 1} bin edges (counts.length + 1)`, String(e.length));
    for (let k = 0; k < c.length; k++)
      if (!(e[k + 1] > e[k]))
        fail("Axes.hist", `edges[${k + 1}]`, `a number > edges[${k}] (${e[k]})`, String(e[k + 1]));
    this.artists.push({
      kind: "bars",
      left: e.slice(0, -1),
      width: c.map((_, k) => e[k + 1] - e[k]),
      height: c,
      color: options.color ?? this.nextColor(),
      ...(options.label !== undefined ? { label: options.label } : {}),
    });
    return this;
  }

  setXLim(lo: number, hi: number): this {
    this.xlim = checkLimits("Axes.setXLim", lo, hi);
    return this;
  }

  setYLim(lo: number, hi: number): this {
    this.ylim = checkLimits("Axes.setYLim", lo, hi);
    return this;
  }

  /** Fixed tick positions (and optional labels); [] hides the ticks, as plt.yticks([], []). */
  setXTicks(at: readonly number[], labels?: readonly string[]): this {
    this.xticks = this.ticksOf("Axes.setXTicks", at, labels);
    return this;
  }

  setYTicks(at: readonly number[], labels?: readonly string[]): this {
    this.yticks = this.ticksOf("Axes.setYTicks", at, labels);
    return this;
  }

  private ticksOf(where: string, at: readonly number[], labels?: readonly string[]) {
    const a = toNumbers(where, "at", at);
    if (labels && labels.length !== a.length)
      fail(where, "labels", `${a.length} labels (one per tick)`, String(labels.length));
    return { at: a, labels: labels ? [...labels] : null };
  }

  setTitle(text: string): this {
    this.title = String(text);
    return this;
  }

  setXLabel(text: string): this {
    this.xlabel = String(text);
    return this;
  }

  setYLabel(text: string): this {
    this.ylabel = String(text);
    return this;
  }

  /** A legend of every labelled series, framed as matplotlib's (default loc "best"). */
  legend(options: LegendOptions = {}): this {
    const loc = options.loc ?? "best";
    if (!(LEGEND_LOCS as readonly string[]).includes(loc))
      fail("Axes.legend", "loc", `one of ${LEGEND_LOCS.map((l) => `'${l}'`).join(", ")}`, describe(loc));
    this.legendOptions = { loc };
    return this;
  }

  /** The x and y limits the axes will use: set ones, else the data's with 5% margins. */
  limits(): { x: [number, number]; y: [number, number] } {
    let x0 = Infinity,
      x1 = -Infinity,
      y0 = Infinity,
      y1 = -Infinity;
    let stickyY0 = false;
    const take = (x: number, y: number) => {
      if (Number.isFinite(x)) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
      if (Number.isFinite(y)) {
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    };
    for (const a of this.artists) {
      if (a.kind === "line") for (let k = 0; k < a.x.length; k++) take(a.x[k], a.y[k]);
      else if (a.kind === "contour") {
        take(a.xr[0], a.yr[0]);
        take(a.xr[1], a.yr[1]);
      } else {
        stickyY0 = true;
        for (let k = 0; k < a.left.length; k++) {
          take(a.left[k], 0);
          take(a.left[k] + a.width[k], a.height[k]);
        }
      }
    }
    const widen = (lo: number, hi: number, sticky: boolean): [number, number] => {
      if (!(hi >= lo)) return [0, 1];
      if (hi === lo) return [lo - 0.5, hi + 0.5];
      const m = 0.05 * (hi - lo);
      return [sticky && lo === 0 ? 0 : lo - m, hi + m];
    };
    return { x: this.xlim ?? widen(x0, x1, false), y: this.ylim ?? widen(y0, y1, stickyY0) };
  }

  /** Draws everything onto `ctx` (the figure calls this): artists, frame, ticks, labels and title, legend. */
  draw(ctx: Ctx): void {
    const { x: X, y: Y } = this.limits();
    const r = this.rect;
    const px = (x: number) => r.x + ((x - X[0]) / (X[1] - X[0])) * r.w;
    const py = (y: number) => r.y + r.h - ((y - Y[0]) / (Y[1] - Y[0])) * r.h;
    this.drawArtists(ctx, px, py);
    this.drawFrame(ctx);
    const ticks = this.drawTicks(ctx, X, Y, px, py);
    this.drawLabels(ctx, ticks);
    if (this.legendOptions) this.drawLegend(ctx, px, py);
  }

  /** The series, contour lines and bars, clipped to the axes. */
  private drawArtists(ctx: Ctx, px: (x: number) => number, py: (y: number) => number): void {
    const r = this.rect;
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.clip();
    for (const a of this.artists) {
      if (a.kind === "bars") drawBars(ctx, a, px, py);
      else if (a.kind === "contour") drawContour(ctx, a, px, py);
      else drawLine(ctx, a, px, py);
    }
    ctx.restore();
  }

  /** The frame (spines). */
  private drawFrame(ctx: Ctx): void {
    const r = this.rect;
    ctx.strokeStyle = STYLE.spine;
    ctx.lineWidth = STYLE.spineWidth;
    ctx.setLineDash([]);
    ctx.strokeRect(r.x, r.y, r.w, r.h);
  }

  /**
   * Ticks and their labels, left and bottom, pointing out; returns what the axis labels must clear:
   * whether any x tick is drawn and the widest y tick label.
   */
  private drawTicks(
    ctx: Ctx,
    X: [number, number],
    Y: [number, number],
    px: (x: number) => number,
    py: (y: number) => number,
  ): { hasXTicks: boolean; yLabelWidth: number } {
    const r = this.rect;
    ctx.fillStyle = STYLE.text;
    ctx.font = font(STYLE.tickLabelSize);
    const inside = (v: number, lim: [number, number]) =>
      v >= lim[0] - 1e-9 * (lim[1] - lim[0]) && v <= lim[1] + 1e-9 * (lim[1] - lim[0]);
    const xt = this.xticks ?? auto(X, r.w, 3);
    const yt = this.yticks ?? auto(Y, r.h, 2);
    const xLabels = xt.labels ?? formatTicks(xt.at);
    const yLabels = yt.labels ?? formatTicks(yt.at);
    ctx.lineWidth = STYLE.tickWidth;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    xt.at.forEach((v, k) => {
      if (!inside(v, X)) return;
      const x = Math.round(px(v));
      line(ctx, x, r.y + r.h, x, r.y + r.h + STYLE.tickLength);
      ctx.fillText(xLabels[k], x, r.y + r.h + STYLE.tickLength + STYLE.tickPad);
    });
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    let yLabelWidth = 0;
    yt.at.forEach((v, k) => {
      if (!inside(v, Y)) return;
      const y = Math.round(py(v));
      line(ctx, r.x, y, r.x - STYLE.tickLength, y);
      ctx.fillText(yLabels[k], r.x - STYLE.tickLength - STYLE.tickPad, y);
      yLabelWidth = Math.max(yLabelWidth, ctx.measureText(yLabels[k]).width);
    });
    return { hasXTicks: xt.at.some((v) => inside(v, X)), yLabelWidth };
  }

  /** The axis labels, clear of the tick labels, and the title. */
  private drawLabels(ctx: Ctx, ticks: { hasXTicks: boolean; yLabelWidth: number }): void {
    const r = this.rect;
    ctx.font = font(STYLE.fontSize);
    if (this.xlabel) {
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      const top =
        r.y +
        r.h +
        (ticks.hasXTicks ? STYLE.tickLength + STYLE.tickPad + STYLE.tickLabelSize * 1.15 : 0) +
        STYLE.labelPad;
      ctx.fillText(this.xlabel, r.x + r.w / 2, top);
    }
    if (this.ylabel) {
      ctx.save();
      const right =
        r.x - (ticks.yLabelWidth > 0 ? STYLE.tickLength + STYLE.tickPad + ticks.yLabelWidth : 0) - STYLE.labelPad;
      ctx.translate(right, r.y + r.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      ctx.fillText(this.ylabel, 0, 0);
      ctx.restore();
    }
    if (this.title) {
      ctx.font = font(STYLE.titleSize);
      ctx.textAlign = "center";
      ctx.textBaseline = "alphabetic";
      ctx.fillText(this.title, r.x + r.w / 2, r.y - STYLE.titlePad);
    }
  }

  /** The legend: a framed box of every labelled series at its place (see legendPlace). */
  private drawLegend(ctx: Ctx, px: (x: number) => number, py: (y: number) => number): void {
    const entries = this.artists.filter(
      (a): a is LineArtist | BarArtist => (a.kind === "line" || a.kind === "bars") && a.label !== undefined,
    );
    if (entries.length === 0) return;
    const fs = STYLE.legendSize;
    ctx.font = font(fs);
    const pad = 0.4 * fs,
      handle = 2.0 * fs,
      gap = 0.8 * fs,
      rowH = fs * 1.2,
      spacing = 0.5 * fs;
    const textW = Math.max(...entries.map((e) => ctx.measureText(e.label!).width));
    const w = pad * 2 + handle + gap + textW;
    const h = pad * 2 + entries.length * rowH + (entries.length - 1) * spacing;
    const [bx, by] = this.legendPlace(w, h, px, py);
    ctx.save();
    ctx.globalAlpha = 0.8;
    ctx.fillStyle = "#ffffff";
    roundRect(ctx, bx, by, w, h, 0.2 * fs);
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = STYLE.legendEdge;
    ctx.lineWidth = pt(1);
    roundRect(ctx, bx, by, w, h, 0.2 * fs);
    ctx.stroke();
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    entries.forEach((e, k) => {
      const cy = by + pad + k * (rowH + spacing) + rowH / 2;
      const hx = bx + pad;
      if (e.kind === "bars") {
        ctx.fillStyle = e.color;
        ctx.fillRect(hx, cy - 0.35 * fs, handle, 0.7 * fs);
      } else {
        if (e.lineStyle !== "none") {
          ctx.strokeStyle = e.color;
          ctx.lineWidth = e.lineWidth;
          ctx.setLineDash(dashes(e.lineStyle, e.lineWidth));
          line(ctx, hx, cy, hx + handle, cy);
          ctx.setLineDash([]);
        }
        if (e.marker !== "none") drawMarker(ctx, e.marker, hx + handle / 2, cy, e.markerSize, e.color);
      }
      ctx.fillStyle = STYLE.text;
      ctx.fillText(e.label!, hx + handle + gap, cy);
    });
    ctx.restore();
  }

  /** The top-left corner of a w × h legend box at the legend's loc; "best" as matplotlib chooses it. */
  private legendPlace(w: number, h: number, px: (x: number) => number, py: (y: number) => number): [number, number] {
    const r = this.rect,
      edge = 0.5 * STYLE.legendSize;
    const place = (loc: LegendLoc): [number, number] => {
      const left = r.x + edge,
        right = r.x + r.w - edge - w,
        cx = r.x + (r.w - w) / 2;
      const top = r.y + edge,
        bottom = r.y + r.h - edge - h,
        cy = r.y + (r.h - h) / 2;
      switch (loc) {
        case "upper left":
          return [left, top];
        case "lower left":
          return [left, bottom];
        case "lower right":
          return [right, bottom];
        case "center right":
          return [right, cy];
        case "center left":
          return [left, cy];
        case "upper center":
          return [cx, top];
        case "lower center":
          return [cx, bottom];
        case "center":
          return [cx, cy];
        default:
          return [right, top];
      }
    };
    let loc = this.legendOptions!.loc ?? "best";
    if (loc === "best") {
      // matplotlib's "best": the candidate box covering the fewest data points (first wins on ties).
      let best = Infinity;
      for (const cand of [
        "upper right",
        "upper left",
        "lower left",
        "lower right",
        "center right",
        "center left",
        "lower center",
        "upper center",
        "center",
      ] as const) {
        const [bx, by] = place(cand);
        let n = 0;
        for (const a of this.artists) {
          if (a.kind === "line") {
            for (let k = 0; k < a.x.length; k++) {
              const X = px(a.x[k]),
                Y = py(a.y[k]);
              if (X >= bx && X <= bx + w && Y >= by && Y <= by + h) n++;
            }
          } else if (a.kind === "bars") {
            for (let k = 0; k < a.left.length; k++) {
              const X = px(a.left[k] + a.width[k] / 2),
                Y = py(a.height[k]);
              if (X >= bx && X <= bx + w && Y <= by + h) n++;
            }
          }
        }
        if (n < best) {
          best = n;
          loc = cand;
        }
      }
    }
    return place(loc);
  }
}

/** Automatic ticks for an axis `lengthPx` long: at most length/(fontsize·k) intervals, 1…9, as matplotlib. */
function auto(lim: [number, number], lengthPx: number, k: number): { at: number[]; labels: null } {
  const bins = Math.max(1, Math.min(9, Math.floor((lengthPx * 0.72) / (10 * k))));
  return { at: niceTicks(lim[0], lim[1], bins), labels: null };
}

function line(ctx: Ctx, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, rad: number): void {
  ctx.beginPath();
  ctx.moveTo(x + rad, y);
  ctx.arcTo(x + w, y, x + w, y + h, rad);
  ctx.arcTo(x + w, y + h, x, y + h, rad);
  ctx.arcTo(x, y + h, x, y, rad);
  ctx.arcTo(x, y, x + w, y, rad);
  ctx.closePath();
}

/** matplotlib's dash patterns, scaled by the line width. */
function dashes(style: LineStyle, lw: number): number[] {
  const s = lw / pt(1);
  switch (style) {
    case "dashed":
      return [pt(3.7 * s), pt(1.6 * s)];
    case "dotted":
      return [pt(1 * s), pt(1.65 * s)];
    case "dashdot":
      return [pt(6.4 * s), pt(1.6 * s), pt(1 * s), pt(1.6 * s)];
    default:
      return [];
  }
}

function drawLine(ctx: Ctx, a: LineArtist, px: (x: number) => number, py: (y: number) => number): void {
  if (a.lineStyle !== "none" && a.x.length > 1) {
    ctx.strokeStyle = a.color;
    ctx.lineWidth = a.lineWidth;
    ctx.lineJoin = "round";
    ctx.lineCap = "butt";
    ctx.setLineDash(dashes(a.lineStyle, a.lineWidth));
    ctx.beginPath();
    let pen = false;
    for (let k = 0; k < a.x.length; k++) {
      const x = a.x[k],
        y = a.y[k];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(px(x), py(y));
      else ctx.moveTo(px(x), py(y));
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (a.marker !== "none")
    for (let k = 0; k < a.x.length; k += a.markEvery)
      if (Number.isFinite(a.x[k]) && Number.isFinite(a.y[k]))
        drawMarker(ctx, a.marker, px(a.x[k]), py(a.y[k]), a.markerSize, a.color);
}

/** One marker of `size` px centred on (x, y), filled markers with a 1 pt edge as matplotlib draws them. */
function drawMarker(ctx: Ctx, m: Marker, x: number, y: number, size: number, color: string): void {
  const h = size / 2;
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = pt(1);
  ctx.setLineDash([]);
  ctx.beginPath();
  switch (m) {
    case "o":
      ctx.arc(x, y, h, 0, 2 * Math.PI);
      break;
    case ".":
      ctx.arc(x, y, h / 2, 0, 2 * Math.PI);
      break;
    case "s":
      ctx.rect(x - h * 0.8, y - h * 0.8, h * 1.6, h * 1.6);
      break;
    case "D":
      ctx.moveTo(x, y - h);
      ctx.lineTo(x + h * 0.7, y);
      ctx.lineTo(x, y + h);
      ctx.lineTo(x - h * 0.7, y);
      ctx.closePath();
      break;
    case "^":
      ctx.moveTo(x, y - h);
      ctx.lineTo(x + h, y + h);
      ctx.lineTo(x - h, y + h);
      ctx.closePath();
      break;
    case "v":
      ctx.moveTo(x, y + h);
      ctx.lineTo(x + h, y - h);
      ctx.lineTo(x - h, y - h);
      ctx.closePath();
      break;
    case "*":
      for (let k = 0; k < 10; k++) {
        const rad = k % 2 === 0 ? h : h * 0.4,
          t = -Math.PI / 2 + (k * Math.PI) / 5;
        if (k === 0) ctx.moveTo(x + rad * Math.cos(t), y + rad * Math.sin(t));
        else ctx.lineTo(x + rad * Math.cos(t), y + rad * Math.sin(t));
      }
      ctx.closePath();
      break;
    case "+":
      ctx.moveTo(x - h, y);
      ctx.lineTo(x + h, y);
      ctx.moveTo(x, y - h);
      ctx.lineTo(x, y + h);
      ctx.stroke();
      return;
    case "x":
      ctx.moveTo(x - h, y - h);
      ctx.lineTo(x + h, y + h);
      ctx.moveTo(x - h, y + h);
      ctx.lineTo(x + h, y - h);
      ctx.stroke();
      return;
    default:
      return;
  }
  ctx.fill();
  ctx.stroke();
}

function drawContour(ctx: Ctx, a: ContourArtist, px: (x: number) => number, py: (y: number) => number): void {
  ctx.lineWidth = a.lineWidth;
  ctx.lineJoin = "round";
  ctx.lineCap = "butt";
  ctx.setLineDash([]);
  for (const lv of a.levels) {
    ctx.strokeStyle = lv.color;
    ctx.beginPath();
    for (const l of lv.lines) {
      const n = l.length / 2;
      const X = new Float64Array(n),
        Y = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        X[k] = px(l[2 * k]);
        Y[k] = py(l[2 * k + 1]);
      }
      const keep = simplify(X, Y, SIMPLIFY_PX);
      ctx.moveTo(X[0], Y[0]);
      for (let k = 1; k < n; k++) if (keep[k]) ctx.lineTo(X[k], Y[k]);
    }
    ctx.stroke();
  }
}

/** Points closer than this (pixels) to the simplified line are dropped: invisible, as matplotlib's path.simplify_threshold (1/9 px). */
const SIMPLIFY_PX = 1 / 9;

function drawBars(ctx: Ctx, a: BarArtist, px: (x: number) => number, py: (y: number) => number): void {
  ctx.fillStyle = a.color;
  const base = py(0);
  for (let k = 0; k < a.left.length; k++) {
    if (!(a.height[k] > 0)) continue;
    // Snapped to whole pixels, as matplotlib snaps bars, so neighbouring bars neither overlap nor gap.
    const x0 = Math.round(px(a.left[k])),
      x1 = Math.round(px(a.left[k] + a.width[k]));
    const top = Math.round(py(a.height[k]));
    ctx.fillRect(x0, Math.min(top, base), x1 - x0, Math.abs(Math.round(base) - top));
  }
}
