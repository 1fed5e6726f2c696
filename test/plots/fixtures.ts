// Small synthetic plots data: a training history and a confusion matrix over 3 classes.
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
