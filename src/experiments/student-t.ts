// Two-sided p-value of Student's t for a whole number of degrees of freedom, the case of a paired
// comparison (n pairs, n - 1 df). For whole df the t distribution's CDF is a finite sum of
// powers of cos θ with θ = atan(t / √df) (Abramowitz & Stegun 26.7.3-4), exact to float rounding,
// so no numerical library (the npm package that does it installs over 200 others) is needed.

/** P(|T| >= |t|) for T ~ Student's t with `df` degrees of freedom (df a whole number >= 1). */
export function twoSidedP(t: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`degrees of freedom must be a whole number >= 1, got ${df}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const s = Math.sin(theta);
  const c2 = Math.cos(theta) ** 2;
  // A: the probability of |T| < |t|
  let a: number;
  if (df % 2 === 1) {
    // θ + sin θ cos θ (1 + 2/3 cos²θ + 2·4/(3·5) cos⁴θ + ... up to cos^(df-3)θ), times 2/π
    let term = 1;
    let sum = df > 1 ? 1 : 0;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    a = (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
  } else {
    // sin θ (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + ... up to cos^(df-2)θ)
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    a = s * sum;
  }
  return Math.min(1, Math.max(0, 1 - a));
}
