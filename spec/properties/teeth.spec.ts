/**
 * The suite's teeth: every law fails on at least one planted entry of the registry
 * (mistakes/registry.ts), with a message that names the law's book section and the usual mistake
 * (and, for properties, the seed and replay command). A law that no planted entry can fail would
 * not be worth keeping.
 */
import { describe, expect, it } from "vitest";
import { allLaws, laws, LawFailure } from "../../conformance/laws/registry.js";
import { controls, planted } from "../../mistakes/registry.js";

/** Each planted entry with the laws (not the other checks) its killedBy lists. */
const brokenVariants = planted.map((e) => ({
  id: e.id,
  mistake: e.mistake,
  impl: e.make(),
  killedBy: e.killedBy.filter((id) => laws[id] !== undefined),
}));

describe("every law is proven able to fail", () => {
  it("each law is killed by at least one planted entry", () => {
    const killed = new Set(brokenVariants.flatMap((v) => v.killedBy));
    const unkilled = allLaws.filter((l) => !killed.has(l.id)).map((l) => l.id);
    expect(unkilled, "laws no broken variant fails").toEqual([]);
  });

  for (const v of brokenVariants.filter((b) => b.killedBy.length > 0))
    it(`${v.id} (${v.mistake}) is caught by ${v.killedBy.join(", ")}`, () => {
      for (const id of v.killedBy) {
        const law = laws[id];
        let failure: unknown = null;
        try {
          law.run(v.impl, { endOnFailure: true });
        } catch (e) {
          failure = e;
        }
        expect(failure, `law "${id}" passed on the broken variant "${v.id}" (${v.mistake})`).toBeInstanceOf(LawFailure);
        const msg = (failure as LawFailure).message;
        expect(msg).toContain(`Book section: ${law.section}`);
        expect(msg).toContain(`Usual mistake: ${law.mistake}`);
        if (law.kind === "property") expect(msg).toMatch(/Replay: FC_SEED=-?\d+/);
      }
    });

  for (const c of controls)
    it(`control ${c.id}: the broken variants' harness without a mistake passes ${c.passes.length} laws`, () => {
      for (const id of c.passes) laws[id].run(c.impl);
    });
});
