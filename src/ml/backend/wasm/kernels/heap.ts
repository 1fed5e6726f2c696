// Typed views of tensors in the wasm heap. Allocate every output BEFORE taking views: an
// allocation may grow the heap, which detaches views taken earlier (single-threaded build).
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type NumericArray = Float32Array | Int32Array | Uint8Array;

export function heapView(backend: BackendWasm, t: TensorInfo): NumericArray {
  return backend.typedArrayFromHeap(t) as NumericArray;
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  return strides;
}

/** Where a tensor's data starts in the wasm heap, in elements of its (4-byte) dtype. */
export function heapIndex(backend: BackendWasm, t: TensorInfo): number {
  // Division, not `>> 2`: the wasm heap may grow to 4 GiB, and a shift would turn an offset past
  // 2 GiB into a negative index.
  return heapView(backend, t).byteOffset / 4;
}

/**
 * A heap tensor with room for n float64 values from an 8-byte boundary (native kernels write
 * float64 partial sums there; a Float64Array view needs the alignment). Returns the tensor (to
 * free) and the byte offset of the values, which stays valid when the heap grows.
 */
export function float64Buffer(backend: BackendWasm, n: number): { tensor: TensorInfo; byteOffset: number } {
  const tensor = backend.makeOutput([2 * n + 1], 'float32');
  const at = heapView(backend, tensor).byteOffset;
  return { tensor, byteOffset: at + (at % 8) };
}
