import { describe, it } from "vitest";
import { gradientLaws } from "../../conformance/laws/gradients.js";
import { reference } from "../../conformance/laws/impl.js";

describe("gradients: backprop agrees with numerical differentiation (reference implementation)", () => {
  for (const law of gradientLaws) it(law.title, () => law.run(reference));
});
