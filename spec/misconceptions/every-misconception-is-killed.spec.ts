/**
 * Every planted entry of the registry is killed by the checks its killedBy lists, at least two of
 * them, and each of those failures names it: the hint from evidence (the numbers the check
 * received equal what the entry gives) carries its id. `npm run misconceptions` runs the full
 * table (every relevant check, with the count of checks that name each entry).
 */
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../conformance/sources.js";
import { explainFailure } from "../../conformance/evidence.js";
import { DEPTH } from "../../mistakes/kill.js";
import { planted, registry } from "../../mistakes/registry.js";

const checks = await loadChecks();
const byId = new Map(checks.map((c) => [c.id, c]));

describe("misconceptions: each planted entry is killed by checks that name it", () => {
  it(`every planted entry lists at least ${DEPTH} checks, all of them loaded`, () => {
    const unknown = planted.flatMap((m) => m.killedBy.filter((id) => !byId.has(id)).map((id) => `${m.id} → ${id}`));
    expect(unknown, "killedBy ids with no such check").toEqual([]);
    expect(
      planted.filter((m) => new Set(m.killedBy).size < DEPTH).map((m) => m.id),
      `entries with fewer than ${DEPTH} killers`,
    ).toEqual([]);
    // Only learn mode plants the rest (§6.5 search pieces have no contract name yet).
    expect(registry.filter((m) => !m.make).every((m) => m.section.startsWith("§6.5"))).toBe(true);
  });

  for (const m of planted)
    it(`${m.id}: ${m.mistake}`, async () => {
      for (const id of m.killedBy) {
        const check = byId.get(id)!;
        let failure: unknown = null;
        try {
          await check.run(m.make(), { endOnFailure: true });
        } catch (e) {
          failure = e;
        }
        expect(failure, `check ${id} passed on "${m.id}" (${m.mistake})`).not.toBeNull();
        expect((failure as Error).message).toMatch(/Book section: §?.+/);
        const evidence = await explainFailure(check, m.make(), { endOnFailure: true }, failure, planted);
        expect(
          evidence.named.map((n) => n.id),
          `check ${id}'s hint for "${m.id}"`,
        ).toContain(m.id);
      }
    });
});
