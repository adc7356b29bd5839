import { describe, it } from "vitest";
import { optimizerLaws } from "../../conformance/laws/optimizers.js";
import { reference } from "../../conformance/laws/impl.js";

describe("optimizer laws (§6.1), reference implementation", () => {
  for (const law of optimizerLaws) it(law.title, () => law.run(reference));
});
