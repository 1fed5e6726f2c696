// Numbers pipe writes into params.yaml read back as the same number in PyYAML (YAML 1.1), the
// reader most Python stages use: a float has a `.` and a signed exponent (`1.0e-7`, where JS
// prints `1e-7`, which PyYAML reads as a string), and an integral value given or held as a float
// keeps its `.0` (`-S lr=2.0`; `exp apply` putting 0 back over `l2: 0.1`).
import { expect, test } from 'vitest';
import { parseAssignment, restoreParams, setParams } from '../../src/experiments/params-edit.js';

const TEXT = 'train:\n  lr: 0.1   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n';

function set(...pairs: string[]): string {
  const r = setParams(
    TEXT,
    pairs.map((p) => {
      const a = parseAssignment(p);
      if (!a.ok) throw new Error(a.failure.message);
      return a.value;
    }),
  );
  if (!r.ok) throw new Error(r.failure.message);
  return r.value;
}

test('-S with an exponent writes a mantissa with a point and a signed exponent', () => {
  expect(set('train.lr=1e-7')).toBe('train:\n  lr: 1.0e-7   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n');
  expect(set('train.lr=-2.5e-9')).toBe('train:\n  lr: -2.5e-9   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n');
  expect(set('train.lr=3E5')).toBe('train:\n  lr: 300000.0   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n');
  expect(set('train.lr=1e21')).toBe('train:\n  lr: 1.0e+21   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n');
});

test('an integral value keeps the form it was typed in', () => {
  expect(set('train.lr=2.0')).toBe('train:\n  lr: 2.0   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n');
  expect(set('train.lr=2')).toBe('train:\n  lr: 2   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n');
  expect(set('train.epochs=4')).toBe('train:\n  lr: 0.1   # rate\n  l2: 0.0\n  epochs: 4\n  decay: [0.5, 1]\n');
});

test('lists and added keys are written the same way', () => {
  expect(set('train.decay=[1e-8, 0.5]')).toBe('train:\n  lr: 0.1   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [1.0e-8, 0.5]\n');
  expect(set('+train.eps=1e-8')).toBe('train:\n  lr: 0.1   # rate\n  l2: 0.0\n  epochs: 3\n  decay: [0.5, 1]\n  eps: 1.0e-8\n');
});

test('exp apply puts an integral value back as a float where the key holds one', () => {
  const r = restoreParams('train:\n  lr: 0.1\n  l2: 0.1\n  epochs: 5\n', { train: { lr: 1e-7, l2: 0, epochs: 3 } });
  expect(r.ok && r.value).toBe('train:\n  lr: 1.0e-7\n  l2: 0.0\n  epochs: 3\n');
});
