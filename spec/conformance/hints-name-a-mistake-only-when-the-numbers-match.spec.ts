/**
 * A failing check names a catalogued entry only when the numbers it received are the entry's: the
 * same check failed by a planted mistake names that mistake, and failed by a wrong value no entry
 * gives says "no catalogued mistake matches" with the largest differences. Each variant of the
 * registry (a correct convention that is not the book's) is named as a variant, never as a mistake.
 * The first replay line replays the failure against the implementation under test.
 */
import { describe, expect, it } from "vitest";
import { CAPABILITY_NAMES, type Adapter } from "../../conformance/contract.js";
import { runChecks, type CheckResult } from "../../conformance/engine.js";
import { reference, type Impl } from "../../conformance/laws/impl.js";
import { loadChecks } from "../../conformance/sources.js";
import { entryById, planted } from "../../mistakes/registry.js";
import type { Params } from "../../src/optimizer.js";

const checks = await loadChecks();
const adapter = (impl: Impl): Adapter => ({ name: "test", provides: [...CAPABILITY_NAMES], impl });

async function run(impl: Impl, id: string, replayCommand?: string): Promise<CheckResult> {
  const { results } = await runChecks(adapter(impl), checks, {
    filter: (c) => c.id === id,
    numRuns: 20,
    replayCommand,
    catalogue: planted,
  });
  expect(results).toHaveLength(1);
  expect(results[0].status, results[0].message ?? results[0].needs?.join(", ")).toBe("fail");
  return results[0];
}

/** SGD with a step 1% too long: wrong, and no catalogued entry gives these numbers. */
class SGDStepTooLong extends reference.SGD {
  override update(params: Params, grads: Params): void {
    for (const k of Object.keys(params)) {
      const W = params[k].data,
        g = grads[k].data;
      for (let i = 0; i < W.length; i++) W[i] = W[i] - 1.01 * this.lr * g[i];
    }
  }
}

describe("hints from evidence: a mistake is named only when the numbers match", () => {
  for (const check of ["sgd-exact-step", "book-path-sgd"])
    it(`${check}: a planted mistake is named; an uncatalogued wrong value is not`, async () => {
      const wrongSign = await run(
        entryById("sgd-wrong-sign").make!(),
        check,
        "npm run conformance -- --impl ./mine.ts",
      );
      expect(wrongSign.evidence?.named.map((n) => n.id)).toEqual(["sgd-wrong-sign"]);
      expect(wrongSign.message).toContain("Hint: your numbers are exactly what this mistake gives: SGD adds lr·g");
      expect(wrongSign.message).not.toMatch(/Usual mistake:|no catalogued mistake matches/);
      // The first replay line runs the failure against the implementation under test.
      const replays = wrongSign.message!.split("\n").filter((l) => /^Replay:|the law on the reference:/.test(l.trim()));
      expect(replays[0]).toMatch(
        new RegExp(
          `^Replay: npm run conformance -- --impl \\./mine\\.ts --only ${check}( --seed -?\\d+( --path \\S+)?)?$`,
        ),
      );

      const tooLong = await run({ ...reference, SGD: SGDStepTooLong }, check);
      expect(tooLong.evidence?.named).toEqual([]);
      expect(tooLong.message).toContain("Hint: no catalogued mistake matches these numbers.");
      expect(tooLong.message).toMatch(
        /Largest differences from the book's numbers:\n {2}SGD#1\.update\(\) \[\d+\]: received -?[\d.e-]+, the book's -?[\d.e-]+/,
      );
      expect(tooLong.message).not.toContain("SGD adds lr·g");
    });

  const variants = planted.filter((e) => e.kind === "variant");
  it("the registry has the known variants of the book's conventions", () => {
    expect(variants.map((v) => v.id).sort()).toEqual(
      [
        "adagrad-eps-1e-8",
        "adagrad-eps-inside-sqrt",
        "adam-eps-1e-8",
        "adam-paper-form",
        "batchnorm-eps-1e-7",
        "dropout-inverted",
        "momentum-ema",
        "nesterov-pre-2021",
        "sgd-default-lr-0.001",
      ].sort(),
    );
  });

  for (const v of variants)
    it(`${v.id} is named as a variant by ${v.killedBy.at(-1)}`, async () => {
      const r = await run(v.make(), v.killedBy.at(-1)!);
      expect(r.evidence?.named).toEqual([{ id: v.id, kind: "variant", mistake: v.mistake }]);
      expect(r.message).toContain(`Hint: differs from the book: ${v.mistake} [${v.id}]`);
      expect(r.message).not.toContain("your numbers are exactly what this mistake gives");
    });

  it("Adam in the paper's form is reported as a correct Adam, not the book's", async () => {
    const r = await run(entryById("adam-paper-form").make!(), "book-path-adam");
    expect(r.message).toMatch(
      /Hint: differs from the book: Adam in the paper's form.* — a correct Adam, not the book's/,
    );
  });
});
