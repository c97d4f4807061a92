// Keyness statistics of one feature in a 2×2 table, as quanteda.textstats'
// textstat_keyness computes them:
//
//              target   reference
//   feature      a          b
//   other words  c          d
//
// chi2: Pearson's chi-square with Yates' continuity correction (R's
// chisq.test(correct = TRUE), quanteda's default for chi2); lr: the likelihood
// ratio G² with Williams' correction (quanteda's default for lr). Both signed:
// positive when the feature is more frequent in the target than expected.
// Effect size: Hardie's log ratio, log2 of the ratio of relative frequencies
// (a zero count taken as 0.5). Pure.

export const MEASURES = ['chi2', 'lr'] as const;
export type Measure = (typeof MEASURES)[number];

export interface Table2x2 {
  a: number;
  b: number;
  c: number;
  d: number;
}

function expected(t: Table2x2): [number, number, number, number] {
  const n = t.a + t.b + t.c + t.d;
  return [((t.a + t.b) * (t.a + t.c)) / n, ((t.a + t.b) * (t.b + t.d)) / n, ((t.c + t.d) * (t.a + t.c)) / n, ((t.c + t.d) * (t.b + t.d)) / n];
}

const cells = (t: Table2x2): [number, number, number, number] => [t.a, t.b, t.c, t.d];

export function chi2Yates(t: Table2x2): number {
  const e = expected(t);
  const o = cells(t);
  const yates = Math.min(0.5, ...o.map((x, i) => Math.abs(x - e[i])));
  const stat = o.reduce((sum, x, i) => sum + (Math.abs(x - e[i]) - yates) ** 2 / e[i], 0);
  return Math.sign(t.a - e[0]) * stat;
}

export function g2Williams(t: Table2x2): number {
  const e = expected(t);
  const o = cells(t);
  const n = t.a + t.b + t.c + t.d;
  const g2 = 2 * o.reduce((sum, x, i) => sum + (x > 0 ? x * Math.log(x / e[i]) : 0), 0);
  const q = 1 + ((n / (t.a + t.b) + n / (t.c + t.d) - 1) * (n / (t.a + t.c) + n / (t.b + t.d) - 1)) / (6 * n);
  return Math.sign(t.a - e[0]) * (g2 / q);
}

/** log2 of (a / target words) over (b / reference words); a zero count counts as 0.5. */
export function logRatio(t: Table2x2): number {
  const a = t.a === 0 ? 0.5 : t.a;
  const b = t.b === 0 ? 0.5 : t.b;
  return Math.log2(a / (t.a + t.c) / (b / (t.b + t.d)));
}

/**
 * erfc(x) for x ≥ 0, by the Chebyshev fit of Numerical Recipes (erfcc):
 * relative error below 1.2e-7 everywhere.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/** Upper tail of the chi-square distribution with one degree of freedom. */
export function pChiSquare1(stat: number): number {
  return erfc(Math.sqrt(Math.abs(stat) / 2));
}

export function statistic(measure: Measure, t: Table2x2): number {
  return measure === 'chi2' ? chi2Yates(t) : g2Williams(t);
}
