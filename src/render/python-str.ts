/**
 * pythonStr(x): Python's str(float) (= repr), which the book's scripts put into titles such as
 * "W:" + str(w): the shortest digits that read back as x (the same digits as JS's String), in
 * fixed notation for 1e-4 ≤ |x| < 1e16 with at least one decimal ("1.0"), otherwise in exponent
 * notation with a two-digit exponent ("6.309573444801929e-05", "1e+16").
 */
export function pythonStr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    const s = String(x); // fixed notation in this range
    return /[.e]/.test(s) ? s : `${s}.0`;
  }
  const [mant, exp] = x.toExponential().split("e") as [string, string];
  const sign = exp.startsWith("-") ? "-" : "+";
  return `${mant}e${sign}${exp.replace(/^[-+]/, "").padStart(2, "0")}`;
}
