/**
 * What a law is and how it fails. A law is a claim every correct chapter-6 implementation obeys;
 * `run(impl)` checks it (a fast-check property or a deterministic check) and throws a LawFailure
 * whose message teaches: the claim, the book section, expected vs received (the worst entry),
 * the usual mistake, and for properties the fast-check seed, path and a command that replays it.
 */
import fc from "fast-check";
import type { Impl } from "./impl.js";

/** fast-check settings a caller may override (a conformance runner, the teeth spec, a replay). */
export interface LawParams {
  numRuns?: number;
  seed?: number;
  path?: string;
  /** Stop at the first failing run without shrinking (fast; used by the teeth spec). */
  endOnFailure?: boolean;
}

export interface LawInfo {
  /** Stable identifier, e.g. "adagrad-h-accumulates"; broken variants name the laws that kill them by it. */
  id: string;
  /** Book section, e.g. "§6.1.5 AdaGrad". */
  section: string;
  /** The claim, in words; also the name of the spec that runs the law against the reference. */
  title: string;
  /** What usually causes a failure of this law. */
  mistake: string;
  /** The spec file that runs this law against the reference (for the replay command). */
  spec: string;
}

export interface Law extends LawInfo {
  /** "property" laws use fast-check (seeded, replayable); "deterministic" laws have nothing to seed. */
  kind: "property" | "deterministic";
  run(impl: Impl, params?: LawParams): void;
}

/** A law's check found a counterexample; `message` says what was expected and what was received. */
export class Violation extends Error {
  override name = "Violation";
}

/** Thrown by `law.run` when the implementation breaks the law. */
export class LawFailure extends Error {
  override name = "LawFailure";
  constructor(
    message: string,
    readonly law: LawInfo,
    readonly seed: number | null = null,
    readonly path: string | null = null,
    /** True when fast-check found a case that breaks the law (not merely cases it had to skip). */
    readonly counterexample = false,
  ) {
    super(message);
  }
}

/**
 * A case that reaches for a piece the implementation under test does not provide (the engine's
 * NotProvided, thrown by name so the laws need not import the engine) cannot judge the law: it is
 * skipped, so that one such case neither hides a failing case nor becomes one.
 */
function isNotProvided(e: unknown): boolean {
  return e instanceof Error && e.name === "NotProvided";
}

export function violation(message: string): never {
  throw new Violation(message);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function describeError(e: unknown): string {
  if (e instanceof Violation) return e.message;
  if (e instanceof Error) return `the implementation threw ${e.name}: ${e.message}`;
  return `the implementation threw ${String(e)}`;
}

function header(law: LawInfo): string[] {
  return [`Law "${law.id}" failed: ${law.title}`, `Book section: ${law.section}`];
}

/**
 * A law checked by a fast-check property over generated cases. `check` throws a Violation
 * (or anything else, which also counts) when the case breaks the law.
 */
export function propertyLaw<T>(
  info: LawInfo,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  check: (impl: Impl, value: T) => void,
): Law {
  return {
    ...info,
    kind: "property",
    run(impl: Impl, params: LawParams = {}) {
      const envPath = process.env.FC_PATH;
      let skipped: unknown = null;
      const settings: fc.Parameters<[T]> = {
        numRuns: params.numRuns ?? numRuns,
        endOnFailure: params.endOnFailure ?? false,
        reporter(details) {
          if (!details.failed) return;
          // Every case reached for a missing piece: the check is "not provided", not failed.
          if (details.counterexample === null && skipped !== null) throw skipped;
          const seed = details.seed;
          const path = details.counterexamplePath;
          const lines = header(info);
          if (details.counterexample === null) {
            // Too many skipped cases (fc.pre) or an interruption: no counterexample to show.
            lines.push(
              `fast-check could not complete the property (${details.numSkips} cases skipped): the generated cases keep violating the law's preconditions`,
            );
          } else {
            lines.push(describeError(details.errorInstance));
            lines.push(`Counterexample: ${fc.stringify(details.counterexample[0])}`);
          }
          lines.push(`Usual mistake: ${info.mistake}`);
          lines.push(
            `fast-check: failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s); seed ${seed}${path ? `, path "${path}"` : ""}`,
          );
          const env = `FC_SEED=${seed}${path ? ` FC_PATH=${path}` : ""}`;
          lines.push(`Replay: ${env} npx vitest run ${info.spec} -t ${shellQuote(regexEscape(info.title))}`);
          lines.push(
            `   or in code: laws["${info.id}"].run(impl, { seed: ${seed}${path ? `, path: "${path}"` : ""} })`,
          );
          throw new LawFailure(lines.join("\n"), info, seed, path, details.counterexample !== null);
        },
      };
      const seed = params.seed ?? (process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined);
      if (seed !== undefined) settings.seed = seed;
      const path = params.path ?? envPath;
      if (path !== undefined) settings.path = path;
      const judge = (value: T): void => {
        try {
          check(impl, value);
        } catch (e) {
          if (!isNotProvided(e)) throw e;
          skipped = e;
          fc.pre(false);
        }
      };
      fc.assert(fc.property(arbitrary, judge), settings);
    },
  };
}

/** A law checked once on fixed inputs (worked examples, fixed-seed statistics): nothing to replay. */
export function deterministicLaw(info: LawInfo, check: (impl: Impl) => void): Law {
  return {
    ...info,
    kind: "deterministic",
    run(impl: Impl) {
      try {
        check(impl);
      } catch (e) {
        if (isNotProvided(e)) throw e;
        const lines = header(info);
        lines.push(describeError(e));
        lines.push(`Usual mistake: ${info.mistake}`);
        lines.push(
          `Replay: npx vitest run ${info.spec} -t ${shellQuote(regexEscape(info.title))} (deterministic: no seed)`,
        );
        throw new LawFailure(lines.join("\n"), info);
      }
    },
  };
}

/** Formats a number for a message with enough digits to see a 1e-12 difference. */
export function num(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return String(x);
  return x === 0 ? "0" : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(+x.toPrecision(15)) : x.toExponential(12);
}

/** One array of values to compare against another, with a name for the worst entry. */
export interface Comparison {
  /** Where the values live, e.g. "layer BatchNorm, parameter dγ" or "W after 5 steps". */
  where: string;
  received: ArrayLike<number>;
  expected: ArrayLike<number>;
  /** Columns of the matrix the values come from (to print index [i, j]); 0 prints a flat index. */
  cols: number;
  /** Allowed |received − expected| ≤ atol + rtol·max(|received|, |expected|). */
  atol: number;
  rtol: number;
  /** Entries to leave out (1 = skip), e.g. coordinates where central differences cross a ReLU kink. */
  skip?: Uint8Array;
  /** Names of the two sides in the message (default "received"/"expected"). */
  names?: [string, string];
}

function indexOf(i: number, cols: number): string {
  return cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`;
}

/**
 * Throws a Violation naming the worst entry over all comparisons (largest excess over its bound;
 * NaN counts as worst), with how many entries are out of tolerance.
 */
export function expectClose(comparisons: Comparison[]): void {
  let worst: { c: Comparison; i: number; excess: number } | null = null;
  let bad = 0,
    total = 0;
  for (const c of comparisons) {
    if (!(Number.isFinite(c.atol) && Number.isFinite(c.rtol)))
      throw new Error(
        `expectClose(${c.where}): tolerance must be finite, got atol ${c.atol}, rtol ${c.rtol} (a law computed it from non-finite values)`,
      );
    if (c.received.length !== c.expected.length)
      violation(`${c.where}: ${c.received.length} values, expected ${c.expected.length} (wrong shape)`);
    for (let i = 0; i < c.received.length; i++) {
      if (c.skip?.[i]) continue;
      total++;
      const r = c.received[i],
        e = c.expected[i];
      const excess = Math.abs(r - e) - (c.atol + c.rtol * Math.max(Math.abs(r), Math.abs(e)));
      if (excess > 0 || Number.isNaN(excess)) {
        bad++;
        const score = Number.isNaN(excess) ? Infinity : excess;
        if (worst === null || score > worst.excess) worst = { c, i, excess: score };
      }
    }
  }
  if (worst === null) return;
  const { c, i } = worst;
  const [rn, en] = c.names ?? ["received", "expected"];
  const r = c.received[i],
    e = c.expected[i];
  const nonFinite =
    !Number.isFinite(r) || !Number.isFinite(e)
      ? ` (a non-finite value: ${!Number.isFinite(e) ? `the ${en} side` : `the ${rn} side`} is ${num(Number.isFinite(e) ? r : e)})`
      : "";
  violation(
    `worst entry: ${c.where}, index ${indexOf(i, c.cols)}: ${en} ${num(e)}, ${rn} ${num(r)}${nonFinite} ` +
      `(|diff| ${num(Math.abs(r - e))} > allowed ${c.atol} + ${c.rtol}·max(|${rn}|, |${en}|)); ` +
      `${bad} of ${total} entries out of tolerance`,
  );
}

/** Throws a Violation at the first entry where two arrays differ (=== per entry: NaN never matches, ±0 do). */
export function expectIdentical(
  where: string,
  received: ArrayLike<number>,
  expected: ArrayLike<number>,
  cols: number,
): void {
  if (received.length !== expected.length)
    violation(`${where}: ${received.length} values, expected ${expected.length} (wrong shape)`);
  for (let i = 0; i < received.length; i++)
    if (!(received[i] === expected[i]))
      violation(
        `${where}: index ${indexOf(i, cols)} differs: expected ${num(expected[i])}, received ${num(received[i])} (must be identical, not just close)`,
      );
}
