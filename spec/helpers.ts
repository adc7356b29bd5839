/**
 * Assertions whose failure messages teach: the book section, expected vs received, the worst
 * entry and, where one is known, the usual mistake behind such a failure.
 */
import { expect } from "vitest";
import { Matrix } from "../src/matrix.js";

export interface Context {
  /** Book section, e.g. "§6.1.4 Momentum". */
  section: string;
  /** What usually causes this failure. */
  mistake?: string;
}

function values(x: Matrix | ArrayLike<number> | number[][]): ArrayLike<number> {
  if (x instanceof Matrix) return x.data;
  if (Array.isArray(x) && Array.isArray(x[0])) return (x as number[][]).flat();
  return x as ArrayLike<number>;
}

/** |a − e| ≤ atol + rtol·|e| for every entry; the message names the worst entry. */
export function expectAllClose(
  actual: Matrix | ArrayLike<number> | number[][],
  expected: Matrix | ArrayLike<number> | number[][],
  ctx: Context & { atol?: number; rtol?: number; what?: string },
): void {
  const a = values(actual), e = values(expected);
  const atol = ctx.atol ?? 1e-12, rtol = ctx.rtol ?? 0;
  expect(a.length, `${ctx.section}: ${ctx.what ?? "result"} has ${a.length} entries, expected ${e.length}`).toBe(e.length);
  let worst = -1, worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const bound = atol + rtol * Math.abs(e[i]!);
    const excess = Math.abs(a[i]! - e[i]!) - bound;
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    const msg = [
      `${ctx.section}: ${ctx.what ?? "result"} differs at index ${worst}: expected ${e[worst]}, received ${a[worst]}`,
      `(|diff| = ${Math.abs(a[worst]! - e[worst]!)}, allowed ${atol} + ${rtol}·|expected|)`,
      ctx.mistake ? `Usual mistake: ${ctx.mistake}` : "",
    ].filter(Boolean).join("\n");
    expect.fail(msg);
  }
}

/** Expects `fn` to throw an Error whose message contains every fragment. */
export function expectThrowsWith(fn: () => unknown, ...fragments: string[]): void {
  let err: unknown = null;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected an Error mentioning ${fragments.map((f) => JSON.stringify(f)).join(", ")}, but nothing was thrown`).toBeInstanceOf(Error);
  const msg = (err as Error).message;
  for (const f of fragments) expect(msg, `error message should mention ${JSON.stringify(f)}`).toContain(f);
}
