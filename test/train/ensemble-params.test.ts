import { describe, expect, it } from 'vitest';
import { parseParams } from '../../src/ml/params/load.js';
import { trainSection } from '../../src/ml/params/train.js';

describe('train.ensemble', () => {
  it('defaults to one network', () => {
    const r = parseParams('train: {}\n', 'params.yaml', trainSection);
    expect(r.ok && r.value.ensemble).toBe(1);
  });

  it('refuses 0, 17 and 2.5 at their line', () => {
    for (const value of ['0', '17', '2.5']) {
      const message = `train.ensemble must be an integer >= 1 and <= 16, got ${value}`;
      const r = parseParams(`train:\n  ensemble: ${value}\n`, 'params.yaml', trainSection);
      expect(r).toEqual({ ok: false, failures: [{ where: 'params.yaml:2:13', message }] });
    }
  });
});
