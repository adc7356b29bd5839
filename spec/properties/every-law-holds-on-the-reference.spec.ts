/**
 * Every law of conformance/laws (the registry's `allLaws`), run on the reference implementation,
 * one `describe` per book topic. The same laws judge other implementations through
 * `npm run conformance`; spec/properties/teeth.spec.ts proves each of them can fail.
 */
import { describe, expect, it } from "vitest";
import { batchNormLaws } from "../../conformance/laws/batchnorm.js";
import { dropoutLaws } from "../../conformance/laws/dropout.js";
import { functionLaws } from "../../conformance/laws/functions.js";
import { gradientLaws } from "../../conformance/laws/gradients.js";
import { reference } from "../../conformance/laws/impl.js";
import { initLaws } from "../../conformance/laws/init.js";
import type { Law } from "../../conformance/laws/law.js";
import { numericalLaws } from "../../conformance/laws/numerical.js";
import { optimizerStateLaws } from "../../conformance/laws/optimizer-state.js";
import { optimizerLaws } from "../../conformance/laws/optimizers.js";
import { allLaws } from "../../conformance/laws/registry.js";
import { searchLaws } from "../../conformance/laws/search.js";
import { symmetryLaws } from "../../conformance/laws/symmetry.js";

const TOPICS: [string, Law[]][] = [
  ["gradients: backprop agrees with numerical differentiation", gradientLaws],
  ["Batch Normalization (§6.3)", batchNormLaws],
  ["Dropout (§6.4.3)", dropoutLaws],
  ["the symmetric-weight failure and what breaks it (§6.2.1)", symmetryLaws],
  ["optimizers (§6.1)", optimizerLaws],
  ["optimizer state over several keys and steps (§6.1)", optimizerStateLaws],
  ["softmax, cross entropy and weight decay", functionLaws],
  ["initial weights (§6.2.2–6.2.3)", initLaws],
  ["the numerical differentiator (§4.3.1)", numericalLaws],
  ["hyperparameter search (§6.5)", searchLaws],
];

describe("every law of the registry is run here", () => {
  it("the topics below list each law of allLaws exactly once", () => {
    const listed = TOPICS.flatMap(([, ls]) => ls.map((l) => l.id)).sort();
    expect(listed).toEqual(allLaws.map((l) => l.id).sort());
  });
});

for (const [topic, laws] of TOPICS)
  describe(`${topic}, reference implementation`, () => {
    for (const law of laws) it(law.title, () => law.run(reference));
  });
