// Identity shares its input's buffer on wasm: clones, variables and saved tensors must still
// behave as independent values when either side is disposed or reassigned.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBoth } from './compare.js';

describe('Identity on wasm', () => {
  beforeAll(async () => {
    await initBoth();
    await tf.setBackend('wasm');
  });

  it('keeps a clone alive after the original is disposed', () => {
    const a = tf.tensor1d([1, 2, 3]);
    const b = a.clone();
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    b.dispose();
  });

  it('does not let a variable assignment change an earlier clone of its value', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const snapshot = v.clone();
    v.assign(tf.tensor1d([5, 6]));
    expect(Array.from(snapshot.dataSync())).toEqual([1, 2]);
    expect(Array.from(v.dataSync())).toEqual([5, 6]);
    tf.dispose([v, snapshot]);
  });

  it('frees the shared buffer only when the last reference goes', () => {
    const dataIds = (): number => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const before = tf.memory().numTensors;
    const beforeIds = dataIds();
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.clone(a);
    const c = tf.clone(b);
    expect(dataIds()).toBe(beforeIds + 1);
    a.dispose();
    b.dispose();
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3, 4]);
    expect(dataIds()).toBe(beforeIds + 1);
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(dataIds()).toBe(beforeIds);
  });

  it('copies strings through the package kernel', () => {
    const s = tf.tensor1d(['a', 'bc'], 'string');
    expect(s.clone().dataSync()).toEqual(['a', 'bc']);
  });
});
