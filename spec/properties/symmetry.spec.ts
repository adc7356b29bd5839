import { describe, it } from "vitest";
import { symmetryLaws } from "../../conformance/laws/symmetry.js";
import { reference } from "../../conformance/laws/impl.js";

describe("the symmetric-weight failure and what breaks it (§6.2.1), reference implementation", () => {
  for (const law of symmetryLaws) it(law.title, () => law.run(reference));
});
