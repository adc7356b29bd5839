import { describe, it } from "vitest";
import { searchLaws } from "../../conformance/laws/search.js";
import { reference } from "../../conformance/laws/impl.js";

describe("hyperparameter-search laws (§6.5), reference implementation", () => {
  for (const law of searchLaws) it(law.title, () => law.run(reference));
});
