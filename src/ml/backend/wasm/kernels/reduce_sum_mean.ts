// Sum and Mean of float32 tensors over leading or trailing axes (the batch-norm moments and
// gradients, bias gradients, loss means) as one sequential pass with float64 accumulators. The
// package first transposes the reduced axes to the end, a full strided copy of the tensor.
// Other axis patterns and dtypes go to the package's kernels.
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { heapView } from './heap.js';

interface ReduceAttrs {
  axis: number | number[];
  keepDims: boolean;
}

function reducer(kind: 'Sum' | 'Mean'): KernelFunc {
  const fn = (args: { inputs: { x?: TensorInfo }; backend: BackendWasm; attrs: ReduceAttrs }): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x!;
    const rank = x.shape.length;
    const axes = [...new Set(util.parseAxisParam(attrs.axis, x.shape))].sort((a, b) => a - b);
    const leading = axes.every((a, i) => a === i);
    const trailing = axes.every((a, i) => a === rank - axes.length + i);
    if (x.dtype !== 'float32' || rank === 0 || axes.length === 0 || (!leading && !trailing)) {
      return new WasmCalls(backend).run(kind, inputs, { ...attrs });
    }
    const kept = x.shape.filter((_, i) => !axes.includes(i));
    const outShape = attrs.keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
    const reduced = axes.reduce((p, a) => p * x.shape[a]!, 1);
    const keptSize = kept.reduce((p, d) => p * d, 1);
    const out = backend.makeOutput(outShape, 'float32');
    const xv = heapView(backend, x) as Float32Array;
    const ov = heapView(backend, out) as Float32Array;
    const scale = kind === 'Mean' ? 1 / reduced : 1;
    if (leading) {
      // rows of `keptSize` values, summed row by row
      const acc = new Float64Array(keptSize);
      for (let r = 0, off = 0; r < reduced; r++, off += keptSize) {
        for (let c = 0; c < keptSize; c++) acc[c]! += xv[off + c]!;
      }
      for (let c = 0; c < keptSize; c++) ov[c] = acc[c]! * scale;
    } else {
      for (let r = 0, off = 0; r < keptSize; r++, off += reduced) {
        let s = 0;
        for (let c = 0; c < reduced; c++) s += xv[off + c]!;
        ov[r] = s * scale;
      }
    }
    return out;
  };
  return fn as unknown as KernelFunc;
}

export const sumConfig: KernelConfig = { kernelName: 'Sum', backendName: 'wasm', kernelFunc: reducer('Sum') };
export const meanConfig: KernelConfig = { kernelName: 'Mean', backendName: 'wasm', kernelFunc: reducer('Mean') };
