import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

type Row = Record<string, number>;

async function trainWith(emaMomentum: number) {
  const p = await makeProject({ epochs: 2, ema_momentum: emaMomentum });
  const log: string[] = [];
  await runTrain(p.train, (l) => log.push(l));
  const history = JSON.parse(await readFile(p.train.history, 'utf8')) as Row[];
  return { log, history };
}

describe('train.ema_momentum in the train stage', () => {
  it('scores the averaged weights and leaves the training steps as they were', async () => {
    const plain = await trainWith(0);
    const averaged = await trainWith(0.9);
    expect(averaged.log).toContain('val_loss, val_acc and data/model are those of a moving average of the weights (ema_momentum 0.9)');
    expect(plain.log.some((l) => l.includes('moving average'))).toBe(false);
    // the same optimizer steps, so the same training loss and accuracy at every epoch...
    expect(averaged.history.map((r) => [r['loss'], r['accuracy']])).toEqual(plain.history.map((r) => [r['loss'], r['accuracy']]));
    // ...and other weights scored on the validation split
    averaged.history.forEach((r, i) => expect(r['val_loss']).not.toBe(plain.history[i]!['val_loss']));
  });
});
