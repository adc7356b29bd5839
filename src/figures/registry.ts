/**
 * What a figure is, for the main job (scripts/figures.ts), the golden tests (spec/golden/) and the
 * baseline updater (scripts/update-golden.ts): a name, where it is in the book, how to compute its
 * numbers and how to draw them. The list of figures is in ./index.ts.
 */

export interface FigureEntry<D = unknown> {
  /** File stem in out/ and golden/: lower-case letters, digits, dots and dashes, e.g. "fig6-08-optimizer-paths". */
  name: string;
  /** What the figure shows, one line. */
  title: string;
  /** Where it is in the book ("Figure 6-8"), or "not in the book: …" for an extra. */
  bookFigure: string;
  /** The book section, for failure messages ("§6.1.7 Which update method to use?"). */
  section: string;
  /** What usually makes this figure's numbers change, for failure messages. */
  mistake: string;
  /**
   * Tolerance when data() is compared with the golden numbers: |received − expected| ≤ atol for
   * every number (1e-12 for deterministic paths; 0 for counts from a seeded generator).
   */
  atol: number;
  /**
   * true when data() takes more than a second or two (training on MNIST): the golden suite then
   * draws the stored golden numbers instead of recomputing them, and recomputes them only when
   * GOLDEN_SLOW=1 is set. Pixels are always checked.
   */
  slow?: boolean;
  /** The figure's numbers: plain JSON-able data (numbers, strings, arrays, objects), from the experiments. */
  data(): D;
  /** Draws `data` (as data() returned it, or read back from golden/<name>.json) into PNG bytes. */
  render(data: D): Buffer;
}

/** Declares a figure with its data type checked against its renderer. */
export function defineFigure<D>(entry: FigureEntry<D>): FigureEntry<D> {
  return entry;
}

export const NAME_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;

/** JSON with objects one key a line and arrays of plain values ([x, y], a row of counts) on one line each. */
export function formatJson(data: unknown, indent = ""): string {
  const inner = `${indent} `;
  if (Array.isArray(data)) {
    if (data.every((v) => v === null || typeof v !== "object")) return JSON.stringify(data);
    return `[\n${data.map((v) => inner + formatJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (data !== null && typeof data === "object") {
    const entries = Object.entries(data as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(data);
}
