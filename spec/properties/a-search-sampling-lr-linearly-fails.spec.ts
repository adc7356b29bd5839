/** §6.5: a search that draws lr uniformly on the linear scale fails the search laws, and says so. */
import { describe, expect, it } from "vitest";
import { laws, LawFailure } from "../../conformance/laws/registry.js";
import { reference } from "../../conformance/laws/impl.js";
import { searchLrLinear } from "../../mistakes/broken/search.js";

describe("§6.5: a search that samples lr uniformly (on the linear scale) fails, and the message says so", () => {
  const impl = { ...reference, sampleHyperparameters: searchLrLinear };
  for (const id of ["search-log-uniform", "search-worked-example"])
    it(id, () => {
      let failure: unknown = null;
      try {
        laws[id].run(impl, { endOnFailure: true });
      } catch (e) {
        failure = e;
      }
      expect(failure).toBeInstanceOf(LawFailure);
      expect((failure as Error).message).toMatch(/Book section: §6\.5/);
      expect((failure as Error).message).toMatch(/uniform on the linear scale/);
    });
});
