import { describe, it } from "vitest";
import { optimizerStateLaws } from "../../conformance/laws/optimizer-state.js";
import { reference } from "../../conformance/laws/impl.js";

describe("optimizer state over several keys and steps (§6.1), reference implementation", () => {
  for (const law of optimizerStateLaws) it(law.title, () => law.run(reference));
});
