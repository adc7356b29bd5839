/**
 * Every catalogued misconception is killed by a check whose message names the mistake: each one
 * runs only against the checks its killedBy lists (fast: endOnFailure, no shrinking), and at least
 * one of them must fail on it. `npm run misconceptions` runs the full table (every relevant check).
 */
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../conformance/sources.js";
import { CATALOGUE } from "../../mistakes/kill.js";

const checks = await loadChecks();
const byId = new Map(checks.map((c) => [c.id, c]));

describe("misconceptions: each planted bug is killed by a check that names it", () => {
  it("the catalogue's ids are unique and every killedBy names a loaded check", () => {
    expect(new Set(CATALOGUE.map((m) => m.id)).size).toBe(CATALOGUE.length);
    const unknown = CATALOGUE.flatMap((m) => m.killedBy.filter((id) => !byId.has(id)).map((id) => `${m.id} → ${id}`));
    expect(unknown, "killedBy ids with no such check").toEqual([]);
  });

  for (const m of CATALOGUE)
    it(`${m.id}: ${m.mistake}`, async () => {
      const said: string[] = [];
      for (const id of m.killedBy) {
        try {
          await byId.get(id)!.run(m.impl, { endOnFailure: true });
        } catch (e) {
          said.push((e as Error).message);
        }
      }
      expect(said.length, `misconception "${m.id}" (${m.mistake}) survived ${m.killedBy.join(", ")}`).toBeGreaterThan(0);
      // The failure teaches: it names the law, the book section and the usual mistake.
      expect(said[0]).toMatch(/Book section: §?.+\n[\s\S]*Usual mistake: /);
    });
});
