// Transposes of float32 tensors in the wasm heap that move the last axis, run by the heap pool's
// task on every core (heap-tasks.ts: transposeTask). The package's C++ transpose runs on one
// thread and is slow for these: moving a [128, 24, 24, 32] batch of activations to
// [32, 24, 24, 128] for the filter gradient took 50-60 ms of a 2-core AMD EPYC, the tiled task
// about 18 on one thread.
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapIndex, stridesOf } from './heap.js';
import { chunksFor, heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';

/** The task takes up to this many axes after reduction (its argument slots). */
const MAX_RANK = 6;

/**
 * Below this many values (4 MiB) the package's transpose stays in cache and is the faster one
 * (2-core AMD EPYC, 2026-12-04: [128, 12, 12, 32] → [32, 12, 12, 128], 590k values, 3.8 ms
 * against the task's 6.0; [128, 12, 12, 64], 1.2M values, 19.3 against 12.1).
 */
export const HEAP_TRANSPOSE_MIN_SIZE = 1 << 20;

/**
 * The same transpose on the fewest axes: axes of size 1 dropped, and axes that are neighbours in
 * both input and output merged into one. `dims` is the reduced input shape, `perm` the reduced
 * permutation (output axis k is input axis perm[k]).
 */
export function reduceTranspose(shape: readonly number[], perm: readonly number[]): { dims: number[]; perm: number[] } {
  const kept = shape.map((d, i) => (d === 1 ? -1 : i)).filter((i) => i >= 0);
  const renumber = new Map(kept.map((axis, i) => [axis, i]));
  const p = perm.filter((axis) => renumber.has(axis)).map((axis) => renumber.get(axis)!);
  const d = kept.map((axis) => shape[axis]!);
  // Runs of output axes whose input axes are consecutive too.
  const groups: number[][] = [];
  for (const axis of p) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[last.length - 1]! + 1 === axis) last.push(axis);
    else groups.push([axis]);
  }
  const byInput = [...groups].sort((g, h) => g[0]! - h[0]!);
  const dims = byInput.map((g) => g.reduce((acc, axis) => acc * d[axis]!, 1));
  return { dims, perm: groups.map((g) => byInput.indexOf(g)) };
}

/**
 * The transposed copy of x, or undefined where the package's kernel is as fast or the task does
 * not apply. Measured on a 2-core AMD EPYC (2026-12-04, scratch timings of each transpose the
 * convolution gradients make): the package copies whole rows well (the last axis stays last: 4.7
 * ms against the task's 9 for [128, 24, 24, 32] → [24, 24, 128, 32]) and has a fast 2-D
 * transpose, but is slow where the last axis of a 3-D or larger shape moves in a tensor too big
 * for its cache (52 ms against 18-25 for [128, 24, 24, 32] → [32, 24, 24, 128]). So the task
 * takes only those.
 */
export function transposeOnHeap(backend: BackendWasm, x: TensorInfo, perm: readonly number[]): TensorInfo | undefined {
  // float32 only: int32 data copied through a Float32Array could have NaN patterns rewritten.
  if (x.dtype !== 'float32') return undefined;
  const { dims, perm: p } = reduceTranspose(x.shape, perm);
  const r = dims.length;
  const size = dims.reduce((acc, d) => acc * d, 1);
  if (r > MAX_RANK || r < 3 || p[r - 1] === r - 1 || size < HEAP_TRANSPOSE_MIN_SIZE) return undefined;
  const out = backend.makeOutput(perm.map((axis) => x.shape[axis]!), 'float32');
  const inStrides = stridesOf(dims);
  const od = p.map((axis) => dims[axis]!);
  const st = p.map((axis) => inStrides[axis]!);
  const pad = (xs: number[]): number[] => [...xs, ...new Array<number>(MAX_RANK - xs.length).fill(0)];
  const v = p.indexOf(r - 1);
  // A chunk is a share of (the other axes × 16-wide tiles along v).
  const units = (size / (od[r - 1]! * od[v]!)) * Math.ceil(od[v]! / 16);
  const chunks = Math.max(1, Math.min(units, chunksFor(size)));
  heapPool(backend).run(TaskId.Transpose, [heapIndex(backend, x), heapIndex(backend, out), chunks, r, ...pad(od), ...pad(st), v], chunks);
  return out;
}
