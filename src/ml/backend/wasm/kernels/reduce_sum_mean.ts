// Sum and Mean of float32 tensors over leading or trailing axes (the batch-norm moments and
// gradients, bias gradients, loss means) as one pass with float64 accumulators, in chunks shared
// by all threads (heap-pool.ts); column sums by native SIMD code where the pool has it
// (native/reduce.c: the same bits as the JavaScript loop). The package first transposes the reduced axes to the end, a full
// strided copy of the tensor, and runs on one thread.
// Other axis patterns and dtypes go to the package's kernels.
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { float64Buffer, heapIndex } from './heap.js';
import { chunksFor, heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';

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
    const pool = heapPool(backend);
    const xAt = heapIndex(backend, x);
    const outAt = heapIndex(backend, out);
    const scale = kind === 'Mean' ? 1 / reduced : 1;
    if (leading) {
      // per-chunk column sums (float64), added in chunk order; by the native kernel where the
      // pool has it (the same bits), into a heap buffer, else by the JavaScript task, into scratch
      const chunks = Math.min(reduced, chunksFor(reduced * keptSize));
      let partial: Float64Array;
      let temp: TensorInfo | undefined;
      if (pool.native !== undefined) {
        const buffer = float64Buffer(backend, chunks * keptSize);
        temp = buffer.tensor;
        pool.run(TaskId.NativeColumnSums, [xAt, reduced, keptSize, chunks, buffer.byteOffset], chunks);
        partial = new Float64Array(pool.heap().buffer, buffer.byteOffset, chunks * keptSize);
      } else {
        pool.scratch(chunks * keptSize);
        pool.run(TaskId.ColumnSums, [xAt, reduced, keptSize, chunks, 0], chunks);
        partial = pool.scratch(chunks * keptSize);
      }
      const ov = pool.heap();
      for (let c = 0; c < keptSize; c++) {
        let s = 0;
        for (let k = 0; k < chunks; k++) s += partial[k * keptSize + c]!;
        ov[outAt + c] = s * scale;
      }
      if (temp !== undefined) backend.disposeData(temp.dataId);
    } else {
      const chunks = Math.min(keptSize, chunksFor(reduced * keptSize));
      pool.run(TaskId.RowSums, [xAt, keptSize, reduced, chunks, outAt, scale], chunks);
    }
    return out;
  };
  return fn as unknown as KernelFunc;
}

export const sumConfig: KernelConfig = { kernelName: 'Sum', backendName: 'wasm', kernelFunc: reducer('Sum') };
export const meanConfig: KernelConfig = { kernelName: 'Mean', backendName: 'wasm', kernelFunc: reducer('Mean') };
