// Seeded pseudo-random numbers for everything that must be reproducible (splits, shuffling,
// weight init). Math.random cannot be seeded, so same-seed runs would differ.
// Generator: mulberry32 (32-bit state, full period 2^32): tiny, fast and good enough for
// shuffling and sampling; seeds are mixed with splitmix32 first so nearby seeds (1, 2, 3)
// give unrelated streams.

export interface Rng {
  /** uniform float in [0, 1) with 32 bits of randomness */
  next(): number;
  /** uniform integer in [0, n) for 1 <= n <= 2^32 */
  int(n: number): number;
  /** the raw next 32-bit unsigned value */
  uint32(): number;
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A generator whose whole stream is determined by `seed` (any integer; taken modulo 2^32). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new TypeError(`seed must be a safe integer, got ${seed}`);
  // Fold the high bits in so seeds differing only above bit 32 still differ.
  let state = splitmix32((seed % 2 ** 32) ^ Math.floor(seed / 2 ** 32));
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / 2 ** 32;
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
    // Rejection sampling: plain modulo would favour small values when n does not divide 2^32.
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = uint32();
      if (x < limit) return x % n;
    }
  };
  return { next, int, uint32 };
}

/** Fisher-Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(arr: T, rng: Rng): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
  return arr;
}

/** A shuffled copy of 0..n-1 (e.g. the order of training examples for one epoch). */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, rng);
}
