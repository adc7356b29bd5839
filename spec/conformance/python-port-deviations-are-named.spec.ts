/**
 * A Python port's deviations from the book are named from its numbers, through the mistakes
 * registry: ε inside the root, the paper's Adam, inverted dropout (spec/fixtures/python/
 * variant-deviations). The pre-2021 Nesterov's hint is read from the matrix run of
 * python-ports.spec.ts, which runs variant-legacy in full.
 */
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../conformance/sources.js";
import { supervise } from "../../conformance/isolation/supervisor.js";
import { CONFIG } from "./python-runs.js";

const checks = await loadChecks();

describe("Python implementations through the host: deviations", () => {
  it("a Python port's deviations are named from its numbers: ε inside the root, the paper's Adam, inverted dropout", async () => {
    const pick = (...ids: string[]) => ids.map((id) => checks.find((c) => c.id === id)!);
    const r = await supervise(
      {
        mode: "python",
        target: "spec/fixtures/python/variant-deviations",
        ...CONFIG,
        catalogueModule: "mistakes/registry.ts",
      },
      pick("book-path-adagrad", "book-path-adam", "dropout-test-output"),
      { checkTimeoutS: CONFIG.checkTimeoutS, loadTimeoutS: 90, runTimeoutS: 300 },
    );
    const hints = Object.fromEntries(
      r.results.map((x) => [
        x.id,
        `${x.status}: ${(x.message ?? "").split("\n").find((l) => l.startsWith("Hint:")) ?? ""}`,
      ]),
    );
    expect(hints).toEqual({
      "book-path-adagrad": expect.stringMatching(/^fail: Hint: differs from the book: .*\[adagrad-eps-inside-sqrt\]$/),
      "book-path-adam": expect.stringMatching(/^fail: Hint: differs from the book: .*\[adam-eps-1e-8\]$/),
      "dropout-test-output": expect.stringMatching(/^fail: Hint: differs from the book: .*\[dropout-inverted\]$/),
    });
  }, 300_000);
});
