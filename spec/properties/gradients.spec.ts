import { describe, it } from "vitest";
import { gradientLaws } from "../laws/gradients.js";
import { reference } from "../laws/impl.js";

describe("gradients: backprop agrees with numerical differentiation (reference implementation)", () => {
  for (const law of gradientLaws) it(law.title, () => law.run(reference));
});
