// Calls the wasm backend's own kernels from inside our kernels, without the engine: no tape
// entries, no tensor bookkeeping. Temporaries are freed with `free` (backend.disposeData).
import type { KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { transposeOnHeap } from './heap-transpose.js';

/** Kernel functions as the package registered them, captured before we override any. */
const originals = new Map<string, KernelFunc>();

export function rememberOriginal(name: string, fn: KernelFunc): void {
  if (!originals.has(name)) originals.set(name, fn);
}

export function hasOriginal(name: string): boolean {
  return originals.has(name);
}

export class WasmCalls {
  constructor(readonly backend: BackendWasm) {}

  run(name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const fn = originals.get(name);
    if (fn === undefined) throw new Error(`bug: wasm kernel ${name} was not captured`);
    const out = fn({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) throw new Error(`bug: wasm kernel ${name} returned several outputs`);
    return out;
  }

  free(...tensors: TensorInfo[]): void {
    for (const t of tensors) this.backend.disposeData(t.dataId);
  }

  /** On the heap pool's threads where it can (float32), else the package's kernel. */
  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return transposeOnHeap(this.backend, x, perm) ?? this.run('Transpose', { x }, { perm });
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  /** Pads with zeros; a negative amount crops that many elements instead. */
  padOrCrop(x: TensorInfo, amounts: Array<[number, number]>): TensorInfo {
    const crops = amounts.some(([a, b]) => a < 0 || b < 0);
    let cur = x;
    if (crops) {
      const begin = amounts.map(([a]) => Math.max(0, -a));
      const size = amounts.map(([a, b], i) => (x.shape[i] ?? 0) - Math.max(0, -a) - Math.max(0, -b));
      cur = this.run('Slice', { x }, { begin, size });
    }
    const pads = amounts.map(([a, b]) => [Math.max(0, a), Math.max(0, b)]);
    if (pads.every(([a, b]) => a === 0 && b === 0)) return cur === x ? this.run('Identity', { x }) : cur;
    const out = this.run('PadV2', { x: cur }, { paddings: pads, constantValue: 0 });
    if (cur !== x) this.free(cur);
    return out;
  }
}
