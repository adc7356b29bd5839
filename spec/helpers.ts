/**
 * Assertions whose failure messages teach: the book section, expected vs received, the worst
 * entry and, where one is known, the usual mistake behind such a failure.
 */
import { expect } from "vitest";
import type { Matrix } from "../src/base/matrix.js";
import { allCloseMismatch, type CloseOptions } from "../conformance/close.js";

export type { Context } from "../conformance/close.js";

/** |a − e| ≤ atol + rtol·|e| for every entry; the message names the worst entry. */
export function expectAllClose(
  actual: Matrix | ArrayLike<number> | number[][],
  expected: Matrix | ArrayLike<number> | number[][],
  ctx: CloseOptions,
): void {
  const msg = allCloseMismatch(actual, expected, ctx);
  if (msg !== null) expect.fail(msg);
}

/** Expects `fn` to throw an Error whose message contains every fragment. */
export function expectThrowsWith(fn: () => unknown, ...fragments: string[]): void {
  let err: unknown = null;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(
    err,
    `expected an Error mentioning ${fragments.map((f) => JSON.stringify(f)).join(", ")}, but nothing was thrown`,
  ).toBeInstanceOf(Error);
  const msg = (err as Error).message;
  for (const f of fragments) expect(msg, `error message should mention ${JSON.stringify(f)}`).toContain(f);
}

/** The message of the Error `fn` throws, or "(nothing thrown)": for comparing a whole message at once. */
export function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "(nothing thrown)";
}
