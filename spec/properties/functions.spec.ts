import { describe, it } from "vitest";
import { functionLaws } from "../../conformance/laws/functions.js";
import { reference } from "../../conformance/laws/impl.js";

describe("softmax, cross entropy and weight decay laws, reference implementation", () => {
  for (const law of functionLaws) it(law.title, () => law.run(reference));
});
