// Cast on wasm: to the same dtype it shares the input's buffer (no copy); to another dtype it
// converts as the package does, and the values agree with cpu (float32 and int32; the package's
// cast to bool converts 0.5 to false where cpu says true, which no training step here relies on).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth } from './compare.js';

const dataIds = (): number => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();

describe('Cast on wasm', () => {
  beforeAll(initBoth);

  it('shares the buffer when the dtype does not change, and frees it with the last reference', async () => {
    await tf.setBackend('wasm');
    const beforeIds = dataIds();
    const a = tf.tensor2d([[1.5, -2], [3, 4]]);
    const b = tf.cast(a, 'float32');
    expect(dataIds()).toBe(beforeIds + 1);
    a.dispose();
    expect(b.dtype).toBe('float32');
    expect(Array.from(b.dataSync())).toEqual([1.5, -2, 3, 4]);
    b.dispose();
    expect(dataIds()).toBe(beforeIds);
    const i = tf.tensor1d([7, -8], 'int32');
    const j = tf.cast(i, 'int32');
    expect(dataIds()).toBe(beforeIds + 1);
    expect(Array.from(j.dataSync())).toEqual([7, -8]);
    tf.dispose([i, j]);
    await tf.setBackend('cpu');
  });

  it('converts between dtypes as cpu does', async () => {
    const outcome = await compareBackends(() => [
      tf.cast(tf.tensor1d([1.7, -2.2, 0, 3.5]), 'int32').cast('float32'),
      tf.cast(tf.tensor1d([3, -1, 0], 'int32'), 'float32'),
    ]);
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBe(0);
  });
});
