/**
 * The fast-check seed for a test run: FC_SEED when given (to replay), the pinned seed under CI
 * (process.env.CI set: runs are repeatable), otherwise a fresh random seed (runs explore new cases).
 */

/** The CI seed. Changing it is fine; keeping it fixed is what makes CI runs repeatable. */
export const PINNED_SEED = 20240601;

export function chooseSeed(env: Record<string, string | undefined>, random: () => number = Math.random): number {
  const forced = env.FC_SEED;
  if (forced !== undefined && forced !== "") {
    const s = Number(forced);
    if (!Number.isInteger(s)) throw new Error(`FC_SEED: expected an integer, received ${JSON.stringify(forced)}`);
    return s;
  }
  if (env.CI) return PINNED_SEED;
  return Math.floor(random() * 0x7fffffff); // a test-side seed; src never uses Math.random
}
