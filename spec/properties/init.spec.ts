import { describe, it } from "vitest";
import { initLaws } from "../../conformance/laws/init.js";
import { reference } from "../../conformance/laws/impl.js";

describe("initial-weight laws (§6.2.2–6.2.3), reference implementation", () => {
  for (const law of initLaws) it(law.title, () => law.run(reference));
});
