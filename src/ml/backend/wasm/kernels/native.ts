// The project's own WebAssembly kernels (native/*.c, built by `npm run build:wasm`), instantiated
// inside the wasm backend's memory so they read and write tensors in place. Each module is
// compiled once per process; every thread of the heap pool makes its own instances of them
// (heap-pool.ts), whose exports together are that thread's NativeKernels.
import * as adam from '../native/adam.wasm.js';
import * as batchNorm from '../native/batch-norm.wasm.js';
import * as col2im from '../native/col2im.wasm.js';
import * as filterGrad from '../native/conv2d-filter-grad.wasm.js';
import * as maxPoolGrad from '../native/max-pool-grad.wasm.js';
import * as reduce from '../native/reduce.wasm.js';
import * as winograd from '../native/winograd.wasm.js';
import * as winograd4 from '../native/winograd4.wasm.js';

const BINARIES: ReadonlyArray<{ plain: string; shared: string }> = [filterGrad, batchNorm, reduce, maxPoolGrad, col2im, winograd, adam, winograd4];

/** Exports of the native module; pointers are byte offsets into the backend's heap. */
export interface NativeKernels {
  conv2d_filter_grad(
    x: number, dy: number, dw: number,
    N: number, H: number, W: number, Ci: number, Ho: number, Wo: number, Co: number, fw: number,
    sh: number, sw: number, top: number, left: number, t0: number, t1: number,
  ): void;
  conv2d_filter_grad_small_patch(
    xp: number, dy: number, dw: number,
    N: number, Hp: number, Wp: number, Ci: number, Ho: number, Wo: number, Co: number,
    fh: number, fw: number, sh: number, sw: number, t0: number, t1: number,
  ): void;
  batch_norm_sums(x: number, dy: number, mean: number, C: number, r0: number, r1: number, out: number): void;
  scale_channels(dy: number, dx: number, gain: number, C: number, r0: number, r1: number): void;
  normalize_channels(x: number, y: number, g: number, b: number, C: number, r0: number, r1: number): void;
  column_sums(x: number, C: number, r0: number, r1: number, out: number): void;
  max_pool_grad(
    x: number, dy: number, dx: number, b0: number, b1: number,
    inH: number, inW: number, C: number, outH: number, outW: number, strideH: number, strideW: number,
    dilH: number, dilW: number, effH: number, effW: number, top: number, left: number,
  ): void;
  col2im(
    cols: number, dx: number, n0: number, n1: number, H: number, W: number, Ci: number, Ho: number, Wo: number,
    fh: number, fw: number, sh: number, sw: number, top: number, left: number,
  ): void;
  winograd_conv(
    x: number, u: number, y: number, scratch: number, H: number, W: number, Ci: number, Co: number, top: number, left: number,
    Ho: number, Wo: number, tilesH: number, tilesW: number, B: number, t0: number, t1: number,
  ): void;
  winograd_filter_sums(
    x: number, dy: number, du: number, scratch: number, H: number, W: number, Ci: number, Co: number, top: number, left: number,
    Ho: number, Wo: number, tilesH: number, tilesW: number, B: number, t0: number, t1: number,
  ): void;
  winograd_filter(g: number, u: number, Ci: number, Co: number, flip: number): void;
  winograd_filter_grad(du: number, dg: number, Ci: number, Co: number, parts: number, k0: number, k1: number): void;
  // F(4x4, 3x3): the same arguments, 36 transformed planes instead of 16 (native/winograd4.c)
  winograd4_conv: NativeKernels['winograd_conv'];
  winograd4_filter_sums: NativeKernels['winograd_filter_sums'];
  winograd4_filter: NativeKernels['winograd_filter'];
  winograd4_filter_grad: NativeKernels['winograd_filter_grad'];
  adam_update(
    w: number, m: number, v: number, g: number, nw: number, nm: number, nv: number, i0: number, i1: number,
    b1: number, c1: number, b2: number, c2: number, omb1: number, omb2: number, eps: number, nlr: number,
  ): void;
}

// The part of the WebAssembly JS API used here: the tsconfig has no DOM lib, which declares it.
export interface WasmMemoryObject {
  readonly buffer: ArrayBufferLike;
}
/** A compiled WebAssembly.Module (opaque; worker threads can be sent one). */
export type WasmModuleObject = object;
interface WebAssemblyApi {
  Memory: abstract new (...args: never[]) => WasmMemoryObject;
  Module: new (bytes: Uint8Array) => WasmModuleObject;
  Instance: new (module: WasmModuleObject, imports: object) => { exports: unknown };
}
const WA = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Whether `memory` is a WebAssembly.Memory (what a module can import), not just something with a buffer. */
export function isWasmMemory(memory: unknown): memory is WasmMemoryObject {
  return memory instanceof WA.Memory;
}

const compiled = new Map<boolean, WasmModuleObject[]>();

/** The modules whose memory import fits `memory` (shared for the threaded build). */
export function nativeModules(memory: WasmMemoryObject): WasmModuleObject[] {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  let modules = compiled.get(shared);
  if (modules === undefined) {
    modules = BINARIES.map((b) => new WA.Module(Buffer.from(shared ? b.shared : b.plain, 'base64')));
    compiled.set(shared, modules);
  }
  return modules;
}

export function instantiateNative(modules: readonly WasmModuleObject[], memory: WasmMemoryObject): NativeKernels {
  return Object.assign({}, ...modules.map((m) => new WA.Instance(m, { env: { memory } }).exports)) as NativeKernels;
}
