// heapIndex gives a tensor's element index in the wasm heap, which may grow to 4 GiB: offsets past
// 2 GiB must stay positive (a signed shift would make them negative and the kernels would read
// and write the wrong memory).
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { heapIndex } from '../../src/ml/backend/wasm/kernels/heap.js';

function backendWithOffset(byteOffset: number): BackendWasm {
  return { typedArrayFromHeap: () => ({ byteOffset }) } as unknown as BackendWasm;
}

const tensor = { dataId: {}, shape: [1], dtype: 'float32' } as TensorInfo;

describe('heapIndex', () => {
  it('divides the byte offset by 4 below 2 GiB', () => {
    expect(heapIndex(backendWithOffset(4096), tensor)).toBe(1024);
  });

  it('stays positive past 2 GiB', () => {
    expect(heapIndex(backendWithOffset(3 * 2 ** 30), tensor)).toBe(3 * 2 ** 28);
    expect(heapIndex(backendWithOffset(2 ** 32 - 4), tensor)).toBe(2 ** 30 - 1);
  });
});
