/**
 * The canvas every figure is drawn on, with the project's own font and nothing of the machine's.
 *
 * Fonts are part of the picture, so before canvas is loaded this module points FONTCONFIG_FILE
 * at an empty configuration (fonts/fonts.conf: no font directories, no hinting rules) and then
 * registers the shipped DejaVu Sans (fonts/DejaVuSans.ttf, licence beside it) under FONT_FAMILY.
 * Every text on every figure uses that one file; a machine's installed fonts cannot leak in.
 * Import canvas through this module only (`canvasLib`), never `import "canvas"` directly: fontconfig
 * reads FONTCONFIG_FILE once, when it first starts.
 *
 * PNGs are byte-deterministic: node-canvas writes no time or text chunks, and `encodePng` fixes the
 * zlib level and filter set, so the same drawing gives the same bytes.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type * as CanvasModule from "canvas";
import { checkInteger } from "../base/validate.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The one font file every figure uses (DejaVu Sans 2.37, Bitstream Vera licence: fonts/DejaVuSans-LICENSE.txt). */
export const FONT_FILE = join(here, "fonts", "DejaVuSans.ttf");
/** The family name the font is registered under (a name no system font has). */
export const FONT_FAMILY = "Chapter6 Figure Sans";
const FONTCONFIG_FILE = join(here, "fonts", "fonts.conf");

process.env.FONTCONFIG_FILE = FONTCONFIG_FILE;
const require = createRequire(import.meta.url);
/** node-canvas, loaded after the font isolation above. */
export const canvasLib: typeof CanvasModule = require("canvas");
canvasLib.registerFont(FONT_FILE, { family: FONT_FAMILY });
checkFontIsolation();

export type Canvas = CanvasModule.Canvas;
export type Ctx = CanvasModule.CanvasRenderingContext2D;

/**
 * With the empty configuration there is exactly one font, so a generic family ("monospace") must
 * fall back to it and measure the same. If it does not, fontconfig had started before this module
 * (something imported canvas and drew text first) and the machine's fonts are visible.
 */
function checkFontIsolation(): void {
  const ctx = canvasLib.createCanvas(8, 8).getContext("2d");
  const sample = "iiii WWWW 0123";
  ctx.font = `20px "${FONT_FAMILY}"`;
  const ours = ctx.measureText(sample).width;
  ctx.font = "20px monospace";
  const generic = ctx.measureText(sample).width;
  if (ours !== generic)
    throw new Error(
      `src/render/canvas.ts: the figures' font is not isolated (text in "${FONT_FAMILY}" measures ${ours}px, in monospace ${generic}px). ` +
        "fontconfig was started before this module could point it at src/render/fonts/fonts.conf: import canvas only through src/render/canvas.ts, and load it before anything draws text.",
    );
}

/** A white canvas of width×height pixels (1 px = 1/100 inch, matplotlib's default 100 dpi). */
export function newCanvas(width: number, height: number): Canvas {
  checkInteger("newCanvas", "width", width, 1);
  checkInteger("newCanvas", "height", height, 1);
  const canvas = canvasLib.createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  return canvas;
}

/**
 * The canvas as PNG bytes: fixed zlib level and filter, no resolution (pHYs) or time chunks.
 * No row filter: on these flat-coloured figures it gives the smallest files (92 → 80 kB for
 * Figure 6-8) in 60% of the time libpng takes trying every filter.
 */
export function encodePng(canvas: Canvas): Buffer {
  return canvas.toBuffer("image/png", { compressionLevel: 6, filters: canvasLib.Canvas.PNG_FILTER_NONE });
}

/** What the pixels depend on besides our code: recorded beside the goldens (golden/ENVIRONMENT.json). */
export interface RenderEnvironment {
  canvas: string;
  cairo: string;
  pango: string;
  freetype: string;
  fontFile: string;
  fontSha256: string;
}

export function renderEnvironment(): RenderEnvironment {
  const lib = canvasLib as typeof CanvasModule & { pangoVersion?: string };
  return {
    canvas: lib.version,
    cairo: lib.cairoVersion,
    pango: lib.pangoVersion ?? "unknown",
    freetype: lib.freetypeVersion,
    fontFile: relative(join(here, "..", ".."), FONT_FILE)
      .split("\\")
      .join("/"),
    fontSha256: createHash("sha256").update(readFileSync(FONT_FILE)).digest("hex"),
  };
}
