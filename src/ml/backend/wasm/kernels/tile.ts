// Tile as block copies (TypedArray.set / copyWithin, i.e. memcpy): each innermost row is copied
// once and then doubled in place, each outer block likewise. The package's C++ kernel computes
// an index per element and was ~20× slower than an elementwise multiply of the same size; the
// batch-norm gradient tiles full activations several times per layer.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { TileAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { heapView, stridesOf, type NumericArray } from './heap.js';

/** Repeats o[start, start+len) `times` times in place, doubling the copied span each round. */
function replicate(o: NumericArray, start: number, len: number, times: number): void {
  let done = 1;
  while (done < times) {
    const n = Math.min(done, times - done);
    o.copyWithin(start + done * len, start, start + n * len);
    done += n;
  }
}

function tile(args: { inputs: { x?: TensorInfo }; backend: BackendWasm; attrs: TileAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x!;
  if (x.dtype === 'string' || x.shape.length === 0) return new WasmCalls(backend).run('Tile', inputs, { ...attrs });
  const rank = x.shape.length;
  const outShape = x.shape.map((d, i) => d * (attrs.reps[i] ?? 1));
  const out = backend.makeOutput(outShape, x.dtype);
  if (outShape.some((d) => d === 0)) return out;
  const xv = heapView(backend, x);
  const ov = heapView(backend, out);
  const xStrides = stridesOf(x.shape);
  const oStrides = stridesOf(outShape);
  // Writes the tile of x[...prefix] into o at oOff; returns nothing, fills o[oOff, oOff + oStrides[dim-1]).
  const fill = (dim: number, xOff: number, oOff: number): void => {
    const n = x.shape[dim]!;
    const reps = attrs.reps[dim] ?? 1;
    if (dim === rank - 1) {
      ov.set(xv.subarray(xOff, xOff + n), oOff);
      replicate(ov, oOff, n, reps);
      return;
    }
    for (let i = 0; i < n; i++) fill(dim + 1, xOff + i * xStrides[dim]!, oOff + i * oStrides[dim]!);
    replicate(ov, oOff, n * oStrides[dim]!, reps);
  };
  fill(0, 0, 0);
  return out;
}

export const tileConfig: KernelConfig = {
  kernelName: 'Tile',
  backendName: 'wasm',
  kernelFunc: tile as unknown as KernelFunc,
};
