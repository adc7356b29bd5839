/**
 * The comparison behind expectAllClose, without a test runner: entry by entry within
 * atol + rtol·|expected|, and a message naming the book section, the worst entry, expected vs
 * received and the usual mistake. Used by spec/helpers.ts and by learn mode's checks (which run
 * outside vitest, where loading vitest would cost half a second per run).
 */
import { Matrix } from "../src/base/matrix.js";

export interface Context {
  /** Book section, e.g. "§6.1.4 Momentum". */
  section: string;
  /** What usually causes this failure. */
  mistake?: string;
}

export interface CloseOptions extends Context {
  atol?: number;
  rtol?: number;
  what?: string;
}

export function values(x: Matrix | ArrayLike<number> | number[][]): ArrayLike<number> {
  if (x instanceof Matrix) return x.data;
  if (Array.isArray(x) && Array.isArray(x[0])) return (x as number[][]).flat();
  return x as ArrayLike<number>;
}

/** null when every entry is close enough; otherwise the failure message. */
export function allCloseMismatch(
  actual: Matrix | ArrayLike<number> | number[][],
  expected: Matrix | ArrayLike<number> | number[][],
  ctx: CloseOptions,
): string | null {
  const a = values(actual),
    e = values(expected);
  const atol = ctx.atol ?? 1e-12,
    rtol = ctx.rtol ?? 0;
  if (a.length !== e.length)
    return `${ctx.section}: ${ctx.what ?? "result"} has ${a.length} entries, expected ${e.length}`;
  let worst = -1,
    worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const bound = atol + rtol * Math.abs(e[i]);
    const excess = Math.abs(a[i] - e[i]) - bound;
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst < 0) return null;
  return [
    `${ctx.section}: ${ctx.what ?? "result"} differs at index ${worst}: expected ${e[worst]}, received ${a[worst]}`,
    `(|diff| = ${Math.abs(a[worst] - e[worst])}, allowed ${atol} + ${rtol}·|expected|)`,
    ctx.mistake ? `Usual mistake: ${ctx.mistake}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
