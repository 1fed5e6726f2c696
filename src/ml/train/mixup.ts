// Mixup (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization"): each training batch is
// blended with a shuffled copy of itself, images and targets alike, with one weight
// λ ~ Beta(α, α) per batch. It lives in the training loop rather than in batches.ts because it
// mixes images with each other, not each image on its own.
import { permutation, type Rng } from '../random.js';

/** A standard normal draw (Box-Muller; the second value is dropped to keep the stream simple). */
function normal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, 1) by Marsaglia and Tsang's method; shapes below 1 through Gamma(shape + 1). */
export function gamma(shape: number, rng: Rng): number {
  if (shape < 1) return gamma(shape + 1, rng) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(rng);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(a: number, b: number, rng: Rng): number {
  const x = gamma(a, rng);
  const y = gamma(b, rng);
  return x + y > 0 ? x / (x + y) : 0.5;
}

/**
 * Blends batches in place: x[k] = λ·x[k] + (1-λ)·x[p(k)] and the same for the targets, with p a
 * random permutation of the batch. λ is folded into [0.5, 1] (λ and 1-λ give the same pair of
 * weights, just swapped), so each blended image is mostly its own, and the training accuracy the
 * loop reports still means "predicted the dominant image's class".
 */
export class Mixup {
  private readonly x: Float32Array;
  private readonly y: Float32Array;

  constructor(
    private readonly alpha: number,
    private readonly rng: Rng,
    maxBatch: number,
    private readonly pixels: number,
    private readonly classes: number,
  ) {
    if (!(alpha > 0)) throw new Error(`mixup needs alpha > 0, got ${alpha}`);
    this.x = new Float32Array(maxBatch * pixels);
    this.y = new Float32Array(maxBatch * classes);
  }

  /** Mixes the first `m` images of `x` and targets of `y`; returns λ. */
  apply(x: Float32Array, y: Float32Array, m: number): number {
    const raw = beta(this.alpha, this.alpha, this.rng);
    const lambda = Math.max(raw, 1 - raw);
    const partner = permutation(m, this.rng);
    const { pixels, classes } = this;
    this.x.set(x.subarray(0, m * pixels));
    this.y.set(y.subarray(0, m * classes));
    for (let k = 0; k < m; k++) {
      const p = partner[k]!;
      for (let i = 0; i < pixels; i++) x[k * pixels + i] = lambda * this.x[k * pixels + i]! + (1 - lambda) * this.x[p * pixels + i]!;
      for (let j = 0; j < classes; j++) y[k * classes + j] = lambda * this.y[k * classes + j]! + (1 - lambda) * this.y[p * classes + j]!;
    }
    return lambda;
  }
}
