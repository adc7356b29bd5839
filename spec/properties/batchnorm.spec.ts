import { describe, it } from "vitest";
import { batchNormLaws } from "../../conformance/laws/batchnorm.js";
import { reference } from "../../conformance/laws/impl.js";

describe("Batch Normalization laws (§6.3), reference implementation", () => {
  for (const law of batchNormLaws) it(law.title, () => law.run(reference));
});
