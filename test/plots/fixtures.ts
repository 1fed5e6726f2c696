// Small synthetic plots data: a training history and a confusion matrix over 3 classes, and a
// git project holding them with two recorded experiments.
import { commitAll, gitInit, recordWith, tempDir, writeFiles } from '../experiments/helpers.js';

export function history(epochs: number, scale = 1): Record<string, number>[] {
  return Array.from({ length: epochs }, (_, i) => {
    const e = i + 1;
    return {
      epoch: e,
      loss: (2 * scale) / e,
      accuracy: 0.2 + 0.05 * e,
      val_loss: (2.2 * scale) / e + 0.1,
      val_accuracy: 0.18 + 0.04 * e,
      lr: 0.001 * 0.5 ** Math.floor(e / 3),
    };
  });
}

export const CONFUSION = [
  { actual: 'happy', predicted: 'happy', count: 8 },
  { actual: 'happy', predicted: 'sad', count: 2 },
  { actual: 'sad', predicted: 'sad', count: 3 },
  { actual: 'sad', predicted: 'happy', count: 1 },
  { actual: 'angry', predicted: 'angry', count: 5 },
];

export const PLOTS_PIPELINE = `stages:
  train:
    cmd: node train.js
    plots:
      - metrics/train_history.json
      - metrics/confusion.json:
          title: Confusion on the test split
`;

/**
 * A temp git project with PLOTS_PIPELINE's plots committed, and two experiment records named
 * `a` and `b` whose training histories differ (5 epochs at scale 1.5, 3 at scale 0.5).
 */
export async function projectWithTwoRecords(prefix: string, a: string, b: string): Promise<{ dir: string; cleanup: () => void }> {
  const made = tempDir(prefix);
  gitInit(made.dir);
  writeFiles(made.dir, { 'pipeline.yaml': PLOTS_PIPELINE, 'metrics/train_history.json': history(4, 1), 'metrics/confusion.json': CONFUSION });
  commitAll(made.dir, 'baseline');
  await recordWith(made.dir, { 'metrics/train_history.json': history(5, 1.5) }, { name: a, at: '2026-11-29T01:00:00Z' });
  await recordWith(made.dir, { 'metrics/train_history.json': history(3, 0.5) }, { name: b, at: '2026-11-29T02:00:00Z' });
  return made;
}
