// Regularised multinomial logistic regression with a sparse, structured design:
// each item's logits are a constant plus a sum of parameter × value entries,
// each entry feeding one class. That is enough for spiral's decision layer (a
// rule's weight feeds only its own move; a term has one weight per label).
// Fitted by proximal gradient descent with Nesterov momentum (FISTA) and
// backtracking, for a fixed number of iterations: deterministic, no library
// offers this structure (natural's LogisticRegressionClassifier is binary,
// unregularised and dense). Penalties: L2 toward a centre (a rule's prior
// weight) and L1 (sparse term weights); box constraints (weights stay ≥ a floor).

export interface DesignItem {
  /** Parallel arrays: parameter index, class index, value. */
  params: Int32Array;
  classes: Int32Array;
  values: Float64Array;
  /** Constant logit per class. */
  offset: Float64Array;
  y: number;
  /** Weight of the item in the loss (class weighting, down-weighting a source). */
  weight: number;
}

export interface ParamSpec {
  /** L2 penalty strength and centre: λ/2 · (θ − centre)². */
  l2: number;
  centre: number;
  /** L1 penalty strength: λ · |θ|. */
  l1: number;
  lower: number;
  upper: number;
  start: number;
}

export interface FitOptions {
  iterations: number;
  /** Stop early when the objective improves by less than this (relative). */
  tolerance: number;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { iterations: 600, tolerance: 1e-9 };

export function logits(item: DesignItem, theta: Float64Array, classes: number): Float64Array {
  const z = Float64Array.from(item.offset);
  for (let k = 0; k < item.params.length; k++) z[item.classes[k]] += theta[item.params[k]] * item.values[k];
  return z.length === classes ? z : z.slice(0, classes);
}

function softmaxInPlace(z: Float64Array): void {
  let top = -Infinity;
  for (const v of z) if (v > top) top = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - top);
    sum += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= sum;
}

/** Smooth part: weighted mean negative log-likelihood plus the L2 penalties; gradient into `grad`. */
function smoothObjective(
  items: readonly DesignItem[],
  specs: readonly ParamSpec[],
  theta: Float64Array,
  classes: number,
  grad: Float64Array | undefined,
  totalWeight: number,
): number {
  if (grad) grad.fill(0);
  let loss = 0;
  for (const item of items) {
    const p = logits(item, theta, classes);
    softmaxInPlace(p);
    const w = item.weight / totalWeight;
    loss -= w * Math.log(Math.max(p[item.y], 1e-300));
    if (!grad) continue;
    for (let k = 0; k < item.params.length; k++) {
      const c = item.classes[k];
      const g = p[c] - (c === item.y ? 1 : 0);
      grad[item.params[k]] += w * g * item.values[k];
    }
  }
  specs.forEach((s, j) => {
    if (s.l2 === 0) return;
    const d = theta[j] - s.centre;
    loss += 0.5 * s.l2 * d * d;
    if (grad) grad[j] += s.l2 * d;
  });
  return loss;
}

function l1Penalty(specs: readonly ParamSpec[], theta: Float64Array): number {
  let sum = 0;
  specs.forEach((s, j) => (sum += s.l1 * Math.abs(theta[j])));
  return sum;
}

/** Proximal step: soft-threshold for L1, then clamp into the box. */
function prox(specs: readonly ParamSpec[], v: Float64Array, step: number, out: Float64Array): void {
  for (let j = 0; j < v.length; j++) {
    const s = specs[j];
    let x = v[j];
    const t = s.l1 * step;
    if (t > 0) x = x > t ? x - t : x < -t ? x + t : 0;
    out[j] = Math.min(s.upper, Math.max(s.lower, x));
  }
}

export interface FitResult {
  theta: Float64Array;
  objective: number;
  iterations: number;
}

export function fitLogistic(items: readonly DesignItem[], specs: readonly ParamSpec[], classes: number, options: FitOptions = DEFAULT_FIT_OPTIONS): FitResult {
  const n = specs.length;
  const totalWeight = items.reduce((s, i) => s + i.weight, 0) || 1;
  let theta = Float64Array.from(specs.map((s) => Math.min(s.upper, Math.max(s.lower, s.start))));
  let y = Float64Array.from(theta);
  let t = 1;
  let lipschitz = 1;
  const grad = new Float64Array(n);
  const next = new Float64Array(n);
  let objective = smoothObjective(items, specs, theta, classes, undefined, totalWeight) + l1Penalty(specs, theta);
  let it = 0;
  for (; it < options.iterations; it++) {
    const fy = smoothObjective(items, specs, y, classes, grad, totalWeight);
    // Backtracking: grow the Lipschitz estimate until the quadratic model bounds the objective.
    for (;;) {
      const step = 1 / lipschitz;
      const v = new Float64Array(n);
      for (let j = 0; j < n; j++) v[j] = y[j] - step * grad[j];
      prox(specs, v, step, next);
      let linear = 0;
      let quadratic = 0;
      for (let j = 0; j < n; j++) {
        const d = next[j] - y[j];
        linear += grad[j] * d;
        quadratic += d * d;
      }
      const fNext = smoothObjective(items, specs, next, classes, undefined, totalWeight);
      if (fNext <= fy + linear + (lipschitz / 2) * quadratic + 1e-12 || lipschitz > 1e12) break;
      lipschitz *= 2;
    }
    const newObjective = smoothObjective(items, specs, next, classes, undefined, totalWeight) + l1Penalty(specs, next);
    // Restart the momentum when the objective rises (adaptive restart keeps FISTA monotone enough).
    const restart = newObjective > objective;
    const tNext = restart ? 1 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = restart ? 0 : (t - 1) / tNext;
    const previous = theta;
    theta = Float64Array.from(next);
    y = new Float64Array(n);
    for (let j = 0; j < n; j++) y[j] = theta[j] + momentum * (theta[j] - previous[j]);
    const improvement = objective - newObjective;
    objective = newObjective;
    t = tNext;
    lipschitz = Math.max(lipschitz / 1.5, 1e-6); // let the step grow again
    if (!restart && improvement >= 0 && improvement < options.tolerance * Math.max(1, Math.abs(objective))) break;
  }
  return { theta, objective, iterations: it };
}

/** The temperature that minimises the negative log-likelihood of held-out logits (golden-section search on log T). */
export function fitTemperature(heldOut: ReadonlyArray<{ logits: Float64Array; y: number }>): number {
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let sum = 0;
    for (const { logits: z, y } of heldOut) {
      const p = Float64Array.from(z, (v) => v / t);
      softmaxInPlace(p);
      sum -= Math.log(Math.max(p[y], 1e-300));
    }
    return sum;
  };
  let a = Math.log(0.2);
  let b = Math.log(5);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  for (let i = 0; i < 60; i++) {
    if (nll(c) < nll(d)) b = d;
    else a = c;
    c = b - g * (b - a);
    d = a + g * (b - a);
  }
  return Math.exp((a + b) / 2);
}
