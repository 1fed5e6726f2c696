// Winograd F(2x2, 3x3), and F(4x4, 3x3) for large outputs where asked (tileFor), for the 3x3
// stride-1 convolutions of the wasm backend: the forward pass
// (Conv2D, and FusedConv2D, whose bias and activation follow on the package's kernels), the input
// gradient (the same convolution with the filter flipped) and the filter gradient, by the native
// kernels (native/winograd.c says how) on every thread of the heap pool.
//
// Off by default: it computes the same convolutions to float32 rounding, not to the bit, so a
// model trains to other weights than with the direct kernels (rounding-level differences per
// convolution, which training amplifies as any change of summation order does). Turning it on is
// a choice of speed over bit-for-bit reproduction of runs made without it.
import { backend_util, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { heapIndex } from './heap.js';
import { heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';

let enabled = false;
let largeTiles = false;

/** Output tile of the Winograd convolutions: 2, F(2x2, 3x3) everywhere; 4, F(4x4, 3x3) where it pays (tileFor). */
export type WinogradTile = 2 | 4;

/** Whether 3x3 stride-1 convolutions use Winograd from now on (default false), and with which largest tile. */
export function useWinograd(on: boolean, tile: WinogradTile = 2): void {
  enabled = on;
  largeTiles = tile === 4;
}

export function winogradEnabled(): boolean {
  return enabled;
}

export function winogradTile(): WinogradTile {
  return largeTiles ? 4 : 2;
}

/**
 * The output tile for an outH x outW output: 4 (F(4x4, 3x3), native/winograd4.c) where switched
 * on and its 36 products per tile come to at most 3/4 of F(2x2)'s 16 per tile over the whole
 * output (24x24 and 12x12: 0.56); else 2. At 6x6 both take 144 per channel pair and the larger
 * tile's transforms cost more.
 */
export function tileFor(outH: number, outW: number): WinogradTile {
  if (!largeTiles) return 2;
  const f4 = 36 * Math.ceil(outH / 4) * Math.ceil(outW / 4);
  const f2 = 16 * Math.ceil(outH / 2) * Math.ceil(outW / 2);
  return f4 <= 0.75 * f2 ? 4 : 2;
}

/** What a Winograd call computes: a convolution, its input gradient, or its filter gradient. */
export type WinogradUse = 'forward' | 'input' | 'filter';

/**
 * Whether a convolution of this geometry can take the Winograd path: on, native kernels present,
 * a 3x3 filter, stride 1, no dilation, float32, and channel counts the SIMD kernels take whole
 * (the computed convolution's inputs a multiple of 4, its outputs of 8: for the input gradient,
 * the forward convolution's outputs and inputs).
 */
export function winogradApplies(backend: BackendWasm, info: backend_util.Conv2DInfo, dtypes: readonly string[], use: WinogradUse): boolean {
  const [cin, cout] = use === 'input' ? [info.outChannels, info.inChannels] : [info.inChannels, info.outChannels];
  return (
    enabled &&
    heapPool(backend).native !== undefined &&
    dtypes.every((d) => d === 'float32') &&
    info.filterHeight === 3 &&
    info.filterWidth === 3 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    cin % 4 === 0 &&
    cout % 8 === 0
  );
}

/**
 * Tiles per block: the block's transforms, planes·B·(Ci + Co) floats (512 KiB), stay in a core's
 * cache between the steps that write and read them.
 */
function blockTiles(ci: number, co: number, planes: number): number {
  return Math.max(4, Math.floor((8192 * 16) / planes / (ci + co)));
}

/**
 * y[n, i, j, :] = Σ_{a,b,ci} x[n, i + a − top, j + b − left, ci] · w[a, b, ci, :] (zero outside x),
 * for i < outH, j < outW: a 3x3 stride-1 convolution with explicit padding. With `flip`, w is
 * the forward filter of the convolution whose input gradient this is: reversed in both spatial
 * axes, in and out channels swapped.
 */
export function winogradConv2d(backend: BackendWasm, x: TensorInfo, filter: TensorInfo, top: number, left: number, outH: number, outW: number, flip: boolean): TensorInfo {
  const calls = new WasmCalls(backend);
  const pool = heapPool(backend);
  const native = pool.native;
  if (native === undefined) throw new Error('bug: winogradConv2d without the native kernels');
  const [N, H, W, Cin] = x.shape as [number, number, number, number];
  const [, , fi, fo] = filter.shape as [number, number, number, number];
  const Cout = flip ? fi : fo;
  const tile = tileFor(outH, outW);
  const planes = (tile + 2) * (tile + 2);
  const tilesH = Math.ceil(outH / tile);
  const tilesW = Math.ceil(outW / tile);
  const T = N * tilesH * tilesW;
  const B = blockTiles(Cin, Cout, planes);
  // A few chunks per thread; every output is computed whole by one chunk, so the chunking
  // does not change the result.
  const chunks = Math.max(1, Math.min(Math.ceil(T / B), 4 * pool.threads));
  const u = backend.makeOutput([planes, Cin, Cout], 'float32');
  const scratch = backend.makeOutput([chunks * planes * B * (Cin + Cout)], 'float32');
  const y = backend.makeOutput([N, outH, outW, Cout], 'float32');
  (tile === 4 ? native.winograd4_filter : native.winograd_filter)(heapIndex(backend, filter) * 4, heapIndex(backend, u) * 4, fi, fo, flip ? 1 : 0);
  pool.run(
    TaskId.NativeWinogradConv,
    [heapIndex(backend, x), heapIndex(backend, u), heapIndex(backend, y), heapIndex(backend, scratch), H, W, Cin, Cout, top, left, outH, outW, tilesH, tilesW, B, T, chunks, planes],
    chunks,
  );
  calls.free(u, scratch);
  return y;
}

/** Partial sums of the filter gradient: a fixed number for a shape, whatever the thread count. */
const FILTER_PARTS = 8;

/**
 * dW[a, b, ci, co] = Σ_{n,i,j} x[n, i + a − top, j + b − left, ci] · dy[n, i, j, co]: the filter
 * gradient of a 3x3 stride-1 convolution, x [N, H, W, Ci] and dy [N, Ho, Wo, Co].
 */
export function winogradFilterGrad(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, top: number, left: number): TensorInfo {
  const calls = new WasmCalls(backend);
  const pool = heapPool(backend);
  if (pool.native === undefined) throw new Error('bug: winogradFilterGrad without the native kernels');
  const [, H, W, Ci] = x.shape as [number, number, number, number];
  const [N, Ho, Wo, Co] = dy.shape as [number, number, number, number];
  const tile = tileFor(Ho, Wo);
  const planes = (tile + 2) * (tile + 2);
  const tilesH = Math.ceil(Ho / tile);
  const tilesW = Math.ceil(Wo / tile);
  const T = N * tilesH * tilesW;
  const B = blockTiles(Ci, Co, planes);
  const parts = Math.max(1, Math.min(Math.ceil(T / B), FILTER_PARTS));
  const du = backend.makeOutput([parts * planes * Ci * Co], 'float32');
  const scratch = backend.makeOutput([parts * planes * B * (Ci + Co)], 'float32');
  const dW = backend.makeOutput([3, 3, Ci, Co], 'float32');
  pool.run(
    TaskId.NativeWinogradFilterSums,
    [heapIndex(backend, x), heapIndex(backend, dy), heapIndex(backend, du), heapIndex(backend, scratch), H, W, Ci, Co, top, left, Ho, Wo, tilesH, tilesW, B, T, parts, planes],
    parts,
  );
  const chunks = Math.max(1, Math.min(Ci * Co, 2 * pool.threads));
  pool.run(TaskId.NativeWinogradFilterGrad, [heapIndex(backend, du), heapIndex(backend, dW), Ci, Co, parts, chunks, planes], chunks);
  calls.free(du, scratch);
  return dW;
}
