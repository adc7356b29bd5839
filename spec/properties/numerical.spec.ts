import { describe, it } from "vitest";
import { numericalLaws } from "../../conformance/laws/numerical.js";
import { reference } from "../../conformance/laws/impl.js";

describe("the numerical differentiator (§4.3.1), reference implementation", () => {
  for (const law of numericalLaws) it(law.title, () => law.run(reference));
});
