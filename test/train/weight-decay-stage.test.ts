import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

type Row = Record<string, number>;

async function historyWith(weightDecay: number): Promise<Row[]> {
  const p = await makeProject({ epochs: 2, weight_decay: weightDecay });
  await runTrain(p.train, () => {});
  return JSON.parse(await readFile(p.train.history, 'utf8')) as Row[];
}

describe('train.weight_decay in the train stage', () => {
  it('reaches the training loop: the first epoch already trains other weights', async () => {
    const plain = await historyWith(0);
    expect(await historyWith(0)).toEqual(plain.map((r) => ({ ...r, seconds: expect.any(Number) })));
    const decayed = await historyWith(5);
    expect(decayed[0]!['loss']).not.toBe(plain[0]!['loss']);
    expect(decayed[0]!['lr']).toBe(plain[0]!['lr']);
  });
});
