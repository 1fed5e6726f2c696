// Cosine learning-rate schedule with linear warm-up, set once per epoch: warm up from lr/10
// over `warmup` epochs, then follow half a cosine from lr down to lr*minFactor at the last epoch.

export function cosineLr(epoch: number, epochs: number, lr: number, warmup: number, minFactor = 0): number {
  if (epoch < warmup) return lr * (0.1 + (0.9 * (epoch + 1)) / warmup);
  const span = Math.max(1, epochs - warmup - 1);
  const t = Math.min(1, (epoch - warmup) / span);
  return lr * (minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t)));
}
