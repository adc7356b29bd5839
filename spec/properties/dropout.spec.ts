import { describe, it } from "vitest";
import { dropoutLaws } from "../../conformance/laws/dropout.js";
import { reference } from "../../conformance/laws/impl.js";

describe("Dropout laws (§6.4.3), reference implementation", () => {
  for (const law of dropoutLaws) it(law.title, () => law.run(reference));
});
