// Cosine learning-rate schedule with linear warm-up, set once per epoch: `warmup` epochs rising
// linearly (lr/(w+1), 2lr/(w+1), ...), then half a cosine from lr towards lr*minFactor, which it
// would reach one epoch after the last (so the last epoch still learns).

export function cosineLr(epoch: number, epochs: number, lr: number, warmup: number, minFactor = 0): number {
  if (epoch < warmup) return (lr * (epoch + 1)) / (warmup + 1);
  const t = Math.min(1, (epoch - warmup) / Math.max(1, epochs - warmup));
  return lr * (minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t)));
}
