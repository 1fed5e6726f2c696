// The one adapter around cli-progress: a per-epoch batch bar, drawn only on a terminal (in a
// log file or under `pipe repro` capture it would be noise; the per-epoch line says enough).
import cliProgress from 'cli-progress';

export interface BatchBar {
  start(total: number, label: string): void;
  update(done: number, loss: number): void;
  stop(): void;
}

const NO_BAR: BatchBar = { start() {}, update() {}, stop() {} };

export function createBatchBar(stream: NodeJS.WriteStream = process.stdout): BatchBar {
  if (!stream.isTTY) return NO_BAR;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{label} [{bar}] {value}/{total} batches, loss {loss}, ETA {eta_formatted}',
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label, loss: '-' }),
    update: (done, loss) => bar.update(done, { loss: loss.toFixed(4) }),
    stop: () => bar.stop(),
  };
}
