/**
 * A Python implementation in the book's layout is judged by every existing check, unchanged: the
 * faithful port passes every check that applies to it, and what the book's Python does not have
 * is reported not provided (never failed). Readers' spellings (Sgd, RMSProp, ReLU, step, lists,
 * learning_rate, a training flag) resolve by themselves, and a mapping file covers the rest.
 */
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../conformance/sources.js";
import { supervise } from "../../conformance/isolation/supervisor.js";

const checks = await loadChecks();
/** A few runs per property (the props specs run the laws in full); generous limits: the machine may be loaded. */
const CONFIG = { checkTimeoutS: 90, numRuns: 4, replayCommand: "test" };

/**
 * What the book's Python lacks, so these checks cannot apply: no initStd/initWeight (§6.2 lives
 * inside the networks), no Tanh layer, no inverted option for Dropout, no constant-fill or 'zeros'
 * weight init, numerical_gradient(f, x) takes no h, no createOptimizer/OPTIMIZER_NAMES, and no
 * §6.5 pieces (the search is a script in the book).
 */
const NOT_IN_THE_BOOKS_PYTHON = [
  "init-std-by-scheme",
  "xavier-he-std",
  "he-keeps-activation-scale",
  "worked-init",
  "symmetric-weights-stay-symmetric",
  "tanh-gradient",
  "worked-tanh",
  "dropout-inverted-mode",
  "worked-dropout",
  "dropout-breaks-symmetry",
  "central-difference-order-two",
  ...["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"].map((n) => `worked-create-defaults-${n}`),
  "search-draws-from-rng",
  "search-draws-independent",
  "search-log-uniform",
  "search-within-bounds",
  "search-worked-example",
  "split-leaves-data-untouched",
  "split-partition",
  "split-shuffles",
  "split-worked-example",
  "split-worked-example-odd",
].sort();

async function run(dir: string, map?: unknown) {
  return supervise({ mode: "python", target: dir, map, ...CONFIG }, checks, {
    checkTimeoutS: CONFIG.checkTimeoutS,
    loadTimeoutS: 90,
    runTimeoutS: 900,
  });
}

describe("Python implementations through the host", () => {
  it("the faithful port passes every applicable check; the rest is not provided, with a reason", async () => {
    const r = await run("spec/fixtures/python/faithful");
    expect(r.incomplete).toEqual([]);
    const failed = r.results.filter((x) => x.status === "fail").map((x) => `${x.id}: ${x.message}`);
    expect(failed, failed.join("\n\n")).toEqual([]);
    expect(r.results.length).toBe(checks.length);
    const notProvided = r.results.filter((x) => x.status === "not provided");
    expect(notProvided.map((x) => x.id).sort()).toEqual(NOT_IN_THE_BOOKS_PYTHON);
    for (const x of notProvided) expect(x.needs?.length, x.id).toBeGreaterThan(0);
    const how = Object.fromEntries(r.implementation!.resolution.map((n) => [n.name, n.target ?? "not provided"]));
    expect(how).toMatchObject({
      SGD: "common/optimizer.py:SGD",
      RMSprop: "common/optimizer.py:RMSprop",
      MultiLayerNetExtend: "common/multi_layer_net_extend.py:MultiLayerNetExtend",
      Tanh: "not provided",
    });
  }, 900_000);

  it("readers' spellings resolve by themselves and the mapping file names the rest; the port passes what applies", async () => {
    const r = await run("spec/fixtures/python/variant-api", {
      names: { SoftmaxWithLoss: "common/layers.py:OutputLoss" },
    });
    expect(r.incomplete).toEqual([]);
    const failed = r.results.filter((x) => x.status === "fail").map((x) => `${x.id}: ${x.message}`);
    expect(failed, failed.join("\n\n")).toEqual([]);
    const how = Object.fromEntries(r.implementation!.resolution.map((n) => [n.name, `${n.target} (${n.how})`]));
    expect(how.SGD).toBe("common/optimizer.py:Sgd (variant spelling Sgd)");
    expect(how.RMSprop).toBe("common/optimizer.py:RMSProp (variant spelling RMSProp)");
    expect(how.Relu).toBe("common/layers.py:ReLU (variant spelling ReLU)");
    expect(how.SoftmaxWithLoss).toBe("common/layers.py:OutputLoss (--map)");
    // The list-taking, step()-named optimizers were exercised, not skipped.
    for (const id of [
      "sgd-exact-step",
      "optimizer-snapshot-resume",
      "optimizer-state-multi-key",
      "book-path-adam",
      "softmax-with-loss-gradient",
      "batchnorm-test-mode",
    ])
      expect(r.results.find((x) => x.id === id)?.status, id).toBe("pass");
  }, 900_000);

  it("a Python port's deviations are named from its numbers: ε inside the root, the paper's Adam, inverted dropout, the pre-2021 Nesterov", async () => {
    const pick = (...ids: string[]) => ids.map((id) => checks.find((c) => c.id === id)!);
    const hints = async (dir: string, ids: string[]) => {
      const r = await supervise(
        { mode: "python", target: dir, ...CONFIG, catalogueModule: "mistakes/registry.ts" },
        pick(...ids),
        { checkTimeoutS: CONFIG.checkTimeoutS, loadTimeoutS: 90, runTimeoutS: 300 },
      );
      return Object.fromEntries(
        r.results.map((x) => [
          x.id,
          `${x.status}: ${(x.message ?? "").split("\n").find((l) => l.startsWith("Hint:")) ?? ""}`,
        ]),
      );
    };
    expect(
      await hints("spec/fixtures/python/variant-deviations", [
        "book-path-adagrad",
        "book-path-adam",
        "dropout-test-output",
      ]),
    ).toEqual({
      "book-path-adagrad": expect.stringMatching(/^fail: Hint: differs from the book: .*\[adagrad-eps-inside-sqrt\]$/),
      "book-path-adam": expect.stringMatching(/^fail: Hint: differs from the book: .*\[adam-eps-1e-8\]$/),
      "dropout-test-output": expect.stringMatching(/^fail: Hint: differs from the book: .*\[dropout-inverted\]$/),
    });
    expect(await hints("spec/fixtures/python/variant-legacy", ["book-path-nesterov"])).toEqual({
      "book-path-nesterov": expect.stringMatching(/^fail: Hint: differs from the book: .*\[nesterov-pre-2021\]$/),
    });
  }, 300_000);
});
