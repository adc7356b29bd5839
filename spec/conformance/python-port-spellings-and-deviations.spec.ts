/**
 * Readers' spellings of the book's names (Sgd, RMSProp, ReLU, step, lists, learning_rate, a
 * training flag) resolve by themselves and a mapping file covers the rest; a Python port's
 * deviations from the book are named from its numbers (python-ports.spec.ts: the faithful port).
 */
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../conformance/sources.js";
import { supervise } from "../../conformance/isolation/supervisor.js";
import { CONFIG, runPort } from "./python-runs.js";

const checks = await loadChecks();

describe("Python implementations through the host: spellings, mappings and deviations", () => {
  it("readers' spellings resolve by themselves and the mapping file names the rest; the port passes what applies", async () => {
    const r = await runPort("spec/fixtures/python/variant-api", checks, {
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
