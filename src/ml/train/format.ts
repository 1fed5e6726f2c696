// Text of the train stage's log lines (kept apart from the loop so the loop never prints).
import type { EpochRow } from './fit.js';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** e.g. "epoch 3/50  loss 1.2345 acc 0.5120  val_loss 1.3010 val_acc 0.4800  lr 1e-4  52s  ETA 41m40s" */
export function formatEpochLine(row: EpochRow, epochs: number, etaSeconds: number, note: string): string {
  return (
    `epoch ${row.epoch}/${epochs}  loss ${row.loss.toFixed(4)} acc ${row.accuracy.toFixed(4)}  ` +
    `val_loss ${row.val_loss.toFixed(4)} val_acc ${row.val_accuracy.toFixed(4)}  lr ${row.lr.toExponential(2)}  ` +
    `${formatDuration(row.seconds)}  ETA ${formatDuration(etaSeconds)}${note ? `  ${note}` : ''}`
  );
}
