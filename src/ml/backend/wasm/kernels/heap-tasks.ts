// The loops of our JS kernels, cut into chunks that any thread can run (heap-pool.ts). Each task
// is a self-contained function of (heap, scratch, args, chunk): the worker threads rebuild them
// from their source text, so a task must not call or read anything outside its own body.
//   heap:    the whole wasm memory as float32; args hold element indices into it
//   scratch: float64 partial results shared by all threads (per-chunk slots, combined in chunk
//            order by the caller, so results do not depend on which thread ran which chunk)
//   args:    numbers set by the kernel for this call
//   native:  this thread's instance of the project's wasm kernels (native.ts), if the heap allows
// A chunk's range is a fixed fraction of the work: the same shapes give the same chunks whatever
// the thread count, which keeps results bit-identical between 1 and N threads.
import type { NativeKernels } from './native.js';

export type HeapTask = (heap: Float32Array, scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels) => void;

/**
 * Column sums of a [rows, C] block: chunk k sums its slice of rows into scratch[out + k·C ...].
 * args: 0 x, 1 rows, 2 C, 3 chunks, 4 out (scratch index)
 */
export function columnSumsTask(heap: Float32Array, scratch: Float64Array, a: Float64Array, chunk: number): void {
  const x = a[0]!;
  const rows = a[1]!;
  const C = a[2]!;
  const chunks = a[3]!;
  const out = a[4]! + chunk * C;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  // Four columns at a time down the chunk's rows, into local doubles: V8 keeps them in registers,
  // and a chunk (~256 KB) stays in cache across the column groups.
  const begin = x + r0 * C;
  const end = x + r1 * C;
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = begin + c; i < end; i += C) {
      s0 += heap[i]!;
      s1 += heap[i + 1]!;
      s2 += heap[i + 2]!;
      s3 += heap[i + 3]!;
    }
    scratch[out + c] = s0;
    scratch[out + c + 1] = s1;
    scratch[out + c + 2] = s2;
    scratch[out + c + 3] = s3;
  }
  for (; c < C; c++) {
    let s = 0;
    for (let i = begin + c; i < end; i += C) s += heap[i]!;
    scratch[out + c] = s;
  }
}

/**
 * Row sums of a [rows, n] block times `scale`, written to the heap: chunk k does its slice of rows.
 * args: 0 x, 1 rows, 2 n, 3 chunks, 4 out (heap index), 5 scale
 */
export function rowSumsTask(heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number): void {
  const x = a[0]!;
  const rows = a[1]!;
  const n = a[2]!;
  const chunks = a[3]!;
  const out = a[4]!;
  const scale = a[5]!;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  for (let r = r0; r < r1; r++) {
    let s = 0;
    for (let i = x + r * n, end = i + n; i < end; i++) s += heap[i]!;
    heap[out + r] = s * scale;
  }
}

/**
 * The batch-norm gradient's two sums per channel over a chunk of rows: Σdy into
 * scratch[out + k·2C + c] and Σdy·(x − mean) into scratch[out + k·2C + C + c].
 * args: 0 x, 1 dy, 2 mean (heap index, C values), 3 rows, 4 C, 5 chunks, 6 out (scratch index)
 */
export function batchNormSumsTask(heap: Float32Array, scratch: Float64Array, a: Float64Array, chunk: number): void {
  const x = a[0]!;
  const dy = a[1]!;
  const mean = a[2]!;
  const rows = a[3]!;
  const C = a[4]!;
  const chunks = a[5]!;
  const out = a[6]! + chunk * 2 * C;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  // Two channels at a time down the chunk's rows (four running sums in registers), as above.
  let c = 0;
  for (; c + 2 <= C; c += 2) {
    const m0 = heap[mean + c]!;
    const m1 = heap[mean + c + 1]!;
    let s0 = 0;
    let s1 = 0;
    let p0 = 0;
    let p1 = 0;
    for (let i = r0 * C + c, end = r1 * C; i < end; i += C) {
      const d0 = heap[dy + i]!;
      const d1 = heap[dy + i + 1]!;
      s0 += d0;
      s1 += d1;
      p0 += d0 * (heap[x + i]! - m0);
      p1 += d1 * (heap[x + i + 1]! - m1);
    }
    scratch[out + c] = s0;
    scratch[out + c + 1] = s1;
    scratch[out + C + c] = p0;
    scratch[out + C + c + 1] = p1;
  }
  for (; c < C; c++) {
    const m = heap[mean + c]!;
    let s = 0;
    let p = 0;
    for (let i = r0 * C + c, end = r1 * C; i < end; i += C) {
      const d = heap[dy + i]!;
      s += d;
      p += d * (heap[x + i]! - m);
    }
    scratch[out + c] = s;
    scratch[out + C + c] = p;
  }
}

/**
 * dx = dy · gain[c] over a chunk of rows, gain (C values) read from scratch[gain ...].
 * args: 0 dy, 1 dx, 2 rows, 3 C, 4 chunks, 5 gain (scratch index)
 */
export function scaleChannelsTask(heap: Float32Array, scratch: Float64Array, a: Float64Array, chunk: number): void {
  const dy = a[0]!;
  const dx = a[1]!;
  const rows = a[2]!;
  const C = a[3]!;
  const chunks = a[4]!;
  const gain = a[5]!;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  for (let c = 0; c < C; c++) {
    const g = Math.fround(scratch[gain + c]!);
    for (let i = r0 * C + c, end = r1 * C; i < end; i += C) heap[dx + i] = heap[dy + i]! * g;
  }
}

/**
 * y = offset[c] + (x − mean[c])·gain[c] over a chunk of rows (batch norm applied), the three
 * per-channel values read from scratch[at ...], scratch[at + C ...], scratch[at + 2C ...].
 * args: 0 x, 1 y, 2 rows, 3 C, 4 chunks, 5 at (scratch index)
 */
export function normalizeChannelsTask(heap: Float32Array, scratch: Float64Array, a: Float64Array, chunk: number): void {
  const x = a[0]!;
  const y = a[1]!;
  const rows = a[2]!;
  const C = a[3]!;
  const chunks = a[4]!;
  const at = a[5]!;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  // One channel at a time down the chunk's rows, its two constants in registers: y = x·g + b
  // with b = offset − mean·g (in doubles, so no precision is lost against the textbook form).
  for (let c = 0; c < C; c++) {
    const g = scratch[at + C + c]!;
    const b = scratch[at + 2 * C + c]! - scratch[at + c]! * g;
    for (let i = r0 * C + c, end = r1 * C; i < end; i += C) heap[y + i] = heap[x + i]! * g + b;
  }
}

/**
 * MaxPoolGrad for a chunk of the batch's images: for each pooling window, dy goes to the window's
 * first maximum (row-major order, the cpu backend's tie rule). Images are independent, so chunks
 * write disjoint parts of dx.
 * args: 0 x, 1 dy, 2 dx, 3 batch, 4 chunks, 5 inH, 6 inW, 7 C, 8 outH, 9 outW, 10 strideH,
 *       11 strideW, 12 dilationH, 13 dilationW, 14 effectiveFilterH, 15 effectiveFilterW, 16 top, 17 left
 */
export function maxPoolGradTask(heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number): void {
  const x = a[0]!;
  const dy = a[1]!;
  const dx = a[2]!;
  const batch = a[3]!;
  const chunks = a[4]!;
  const inH = a[5]!;
  const inW = a[6]!;
  const C = a[7]!;
  const outH = a[8]!;
  const outW = a[9]!;
  const strideH = a[10]!;
  const strideW = a[11]!;
  const dilH = a[12]!;
  const dilW = a[13]!;
  const effH = a[14]!;
  const effW = a[15]!;
  const top = a[16]!;
  const left = a[17]!;
  const b0 = Math.floor((batch * chunk) / chunks);
  const b1 = Math.floor((batch * (chunk + 1)) / chunks);
  const rowStride = inW * C;
  const imageSize = inH * rowStride;
  heap.fill(0, dx + b0 * imageSize, dx + b1 * imageSize);
  const best = new Float32Array(C);
  const bestAt = new Int32Array(C);
  for (let b = b0; b < b1; b++) {
    const xBase = b * imageSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - top;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * strideW - left;
        best.fill(-Infinity);
        bestAt.fill(-1);
        for (let fy = 0; fy < effH; fy += dilH) {
          const yy = y0 + fy;
          if (yy < 0 || yy >= inH) continue;
          for (let fx = 0; fx < effW; fx += dilW) {
            const xx = x0 + fx;
            if (xx < 0 || xx >= inW) continue;
            const base = xBase + yy * rowStride + xx * C;
            for (let c = 0; c < C; c++) {
              const v = heap[x + base + c]!;
              if (v > best[c]!) {
                best[c] = v;
                bestAt[c] = base + c;
              }
            }
          }
        }
        const dyBase = dy + ((b * outH + oy) * outW + ox) * C;
        for (let c = 0; c < C; c++) {
          const at = bestAt[c]!;
          if (at >= 0) heap[dx + at] = heap[dx + at]! + heap[dyBase + c]!;
        }
      }
    }
  }
}

/**
 * im2col: the patches matrix P[(n, i, j), (a, b, ci)] = x[n, i·sh + a − top, j·sw + b − left, ci]
 * (0 outside x) for a chunk of its rows, written to the heap.
 * args: 0 x, 1 p, 2 rows (N·Ho·Wo), 3 chunks, 4 H, 5 W, 6 Ci, 7 Ho, 8 Wo, 9 fh, 10 fw, 11 sh,
 *       12 sw, 13 top, 14 left
 */
export function patchesTask(heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number): void {
  const x = a[0]!;
  const p = a[1]!;
  const rows = a[2]!;
  const chunks = a[3]!;
  const H = a[4]!;
  const W = a[5]!;
  const Ci = a[6]!;
  const Ho = a[7]!;
  const Wo = a[8]!;
  const fh = a[9]!;
  const fw = a[10]!;
  const sh = a[11]!;
  const sw = a[12]!;
  const top = a[13]!;
  const left = a[14]!;
  const K = fh * fw * Ci;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  for (let r = r0; r < r1; r++) {
    const n = Math.floor(r / (Ho * Wo));
    const i = Math.floor(r / Wo) % Ho;
    const j = r % Wo;
    let o = p + r * K;
    for (let fa = 0; fa < fh; fa++) {
      const yy = i * sh + fa - top;
      for (let fb = 0; fb < fw; fb++) {
        const xx = j * sw + fb - left;
        if (yy < 0 || yy >= H || xx < 0 || xx >= W) {
          for (let c = 0; c < Ci; c++) heap[o + c] = 0;
        } else {
          const src = x + ((n * H + yy) * W + xx) * Ci;
          for (let c = 0; c < Ci; c++) heap[o + c] = heap[src + c]!;
        }
        o += Ci;
      }
    }
  }
}

/**
 * A transpose (a permuted copy) of float32 data whose last axis moves, on shapes already reduced by
 * the kernel (heap-transpose.ts: size-1 axes dropped, axes that stay neighbours merged), rank 3-6.
 * Output axis k has od[k] entries and reads the input with stride st[k]; the input's last axis
 * (stride 1) is output axis v. Output and input are walked in 16x16 tiles of (axis v, last axis),
 * so that both the strided reads and the strided writes stay in cache; a chunk is a share of
 * (the other axes × tiles along v).
 * args: 0 x, 1 out, 2 chunks, 3 r, 4-9 od, 10-15 st, 16 v
 */
export function transposeTask(heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number): void {
  const x = a[0]!;
  const out = a[1]!;
  const chunks = a[2]!;
  const r = a[3]!;
  const v = a[16]!;
  const od: number[] = [];
  const st: number[] = [];
  for (let k = 0; k < r; k++) {
    od.push(a[4 + k]!);
    st.push(a[10 + k]!);
  }
  const os: number[] = new Array<number>(r).fill(1); // output strides
  for (let k = r - 2; k >= 0; k--) os[k] = os[k + 1]! * od[k + 1]!;
  const T = 16;
  const u = r - 1;
  const nv = od[v]!;
  const nu = od[u]!;
  const su = st[u]!;
  const ov = os[v]!;
  const others: number[] = [];
  for (let k = 0; k < u; k++) if (k !== v) others.push(k);
  const tilesV = Math.ceil(nv / T);
  let outerCount = 1;
  for (const k of others) outerCount *= od[k]!;
  const items = outerCount * tilesV;
  const i0 = Math.floor((items * chunk) / chunks);
  const i1 = Math.floor((items * (chunk + 1)) / chunks);
  for (let item = i0; item < i1; item++) {
    const tv = item % tilesV;
    let rem = Math.floor(item / tilesV);
    let ib = x;
    let ob = out;
    for (let q = others.length - 1; q >= 0; q--) {
      const k = others[q]!;
      const ix = rem % od[k]!;
      rem = Math.floor(rem / od[k]!);
      ib += ix * st[k]!;
      ob += ix * os[k]!;
    }
    const vEnd = Math.min(nv, (tv + 1) * T);
    for (let ju = 0; ju < nu; ju += T) {
      const uEnd = Math.min(nu, ju + T);
      for (let i = tv * T; i < vEnd; i++) {
        const o = ob + i * ov;
        const s = ib + i;
        for (let j = ju; j < uEnd; j++) heap[o + j] = heap[s + j * su]!;
      }
    }
  }
}

/**
 * The filter gradient of a convolution, by the native kernel (native/conv2d_filter_grad.c): chunk
 * k computes its share of dW's 4x8 output tiles in full (so the result does not depend on which
 * thread ran which chunk).
 * args: 0 x [H,W,N,Ci], 1 dy [Ho,Wo,N,Co], 2 dW [fh,fw,Ci,Co] (heap indices), 3 N, 4 H, 5 W,
 * 6 Ci, 7 Ho, 8 Wo, 9 Co, 10 fw, 11 sh, 12 sw, 13 top, 14 left, 15 tiles, 16 chunks
 */
export function conv2dFilterGradTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: conv2dFilterGradTask without the native kernels');
  const tiles = a[15]!;
  const chunks = a[16]!;
  const t0 = Math.floor((tiles * chunk) / chunks);
  const t1 = Math.floor((tiles * (chunk + 1)) / chunks);
  // Byte offsets: past 2 GiB they wrap to negative int32s, which wasm reads as the same address.
  native.conv2d_filter_grad(a[0]! * 4, a[1]! * 4, a[2]! * 4, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, a[14]!, t0, t1);
}

/**
 * The filter gradient of a convolution with a small patch (a first layer), by the native kernel:
 * chunk k computes its share of dW's output tiles in full.
 * args: 0 xp [N,Hp,Wp,Ci] (padded), 1 dy [N,Ho,Wo,Co], 2 dW [fh,fw,Ci,Co] (heap indices), 3 N,
 * 4 Hp, 5 Wp, 6 Ci, 7 Ho, 8 Wo, 9 Co, 10 fh, 11 fw, 12 sh, 13 sw, 14 tiles, 15 chunks
 */
export function conv2dFilterGradSmallPatchTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: conv2dFilterGradSmallPatchTask without the native kernels');
  const tiles = a[14]!;
  const chunks = a[15]!;
  const t0 = Math.floor((tiles * chunk) / chunks);
  const t1 = Math.floor((tiles * (chunk + 1)) / chunks);
  native.conv2d_filter_grad_small_patch(a[0]! * 4, a[1]! * 4, a[2]! * 4, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, t0, t1);
}

/**
 * batchNormSumsTask's sums by the native kernel (native/batch_norm.c), the same values to the bit,
 * written as float64 into the heap: chunk k's 2C sums at byte out + k·2C·8.
 * args: 0 x, 1 dy, 2 mean (heap indices), 3 rows, 4 C, 5 chunks, 6 out (heap byte offset, 8-aligned)
 */
export function nativeBatchNormSumsTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeBatchNormSumsTask without the native kernels');
  const rows = a[3]!;
  const C = a[4]!;
  const chunks = a[5]!;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  native.batch_norm_sums(a[0]! * 4, a[1]! * 4, a[2]! * 4, C, r0, r1, a[6]! + chunk * 2 * C * 8);
}

/**
 * scaleChannelsTask by the native kernel, the per-channel gains as float32 in the heap.
 * args: 0 dy, 1 dx, 2 gain (heap indices), 3 rows, 4 C, 5 chunks
 */
export function nativeScaleChannelsTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeScaleChannelsTask without the native kernels');
  const rows = a[3]!;
  const chunks = a[5]!;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  native.scale_channels(a[0]! * 4, a[1]! * 4, a[2]! * 4, a[4]!, r0, r1);
}

/**
 * columnSumsTask by the native kernel (native/reduce.c), the same values to the bit, written as
 * float64 into the heap: chunk k's C sums at byte out + k·C·8.
 * args: 0 x (heap index), 1 rows, 2 C, 3 chunks, 4 out (heap byte offset, 8-aligned)
 */
export function nativeColumnSumsTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeColumnSumsTask without the native kernels');
  const rows = a[1]!;
  const C = a[2]!;
  const chunks = a[3]!;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  native.column_sums(a[0]! * 4, C, r0, r1, a[4]! + chunk * C * 8);
}

/**
 * normalizeChannelsTask by the native kernel: y = x·g[c] + b[c], g and b as float64 in the heap.
 * args: 0 x, 1 y (heap indices), 2 rows, 3 C, 4 chunks, 5 g, 6 b (heap byte offsets, 8-aligned)
 */
export function nativeNormalizeChannelsTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeNormalizeChannelsTask without the native kernels');
  const rows = a[2]!;
  const chunks = a[4]!;
  const r0 = Math.floor((rows * chunk) / chunks);
  const r1 = Math.floor((rows * (chunk + 1)) / chunks);
  native.normalize_channels(a[0]! * 4, a[1]! * 4, a[5]!, a[6]!, a[3]!, r0, r1);
}

/**
 * maxPoolGradTask by the native kernel (native/max_pool_grad.c): the same arguments, the same
 * chunks of the batch, the same bytes.
 */
export function nativeMaxPoolGradTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeMaxPoolGradTask without the native kernels');
  const batch = a[3]!;
  const chunks = a[4]!;
  const b0 = Math.floor((batch * chunk) / chunks);
  const b1 = Math.floor((batch * (chunk + 1)) / chunks);
  native.max_pool_grad(a[0]! * 4, a[1]! * 4, a[2]! * 4, b0, b1, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, a[14]!, a[15]!, a[16]!, a[17]!);
}

/**
 * col2im for the input gradient of a convolution with few input channels, by the native kernel
 * (native/col2im.c): chunk k zeroes and fills dx for its share of the images.
 * args: 0 cols, 1 dx (heap indices), 2 N, 3 chunks, 4 H, 5 W, 6 Ci, 7 Ho, 8 Wo, 9 fh, 10 fw,
 *       11 sh, 12 sw, 13 top, 14 left
 */
export function nativeCol2imTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeCol2imTask without the native kernels');
  const N = a[2]!;
  const chunks = a[3]!;
  const n0 = Math.floor((N * chunk) / chunks);
  const n1 = Math.floor((N * (chunk + 1)) / chunks);
  native.col2im(a[0]! * 4, a[1]! * 4, n0, n1, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, a[14]!);
}

/**
 * Winograd convolution (native/winograd.c, or winograd4.c with 36 planes) of chunk k's share of
 * the T tiles, through chunk k's own scratch area (planes·B·(Ci + Co) floats). Each output is
 * computed whole by one chunk.
 * args: 0 x, 1 u, 2 y, 3 scratch (heap indices), 4 H, 5 W, 6 Ci, 7 Co, 8 top, 9 left, 10 Ho,
 *       11 Wo, 12 tilesH, 13 tilesW, 14 B, 15 T, 16 chunks, 17 planes (16: F(2x2), 36: F(4x4))
 */
export function nativeWinogradConvTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeWinogradConvTask without the native kernels');
  const T = a[15]!;
  const chunks = a[16]!;
  const planes = a[17]!;
  const t0 = Math.floor((T * chunk) / chunks);
  const t1 = Math.floor((T * (chunk + 1)) / chunks);
  const scratch = (a[3]! + chunk * planes * a[14]! * (a[6]! + a[7]!)) * 4;
  (planes === 36 ? native.winograd4_conv : native.winograd_conv)(a[0]! * 4, a[1]! * 4, a[2]! * 4, scratch, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, a[14]!, t0, t1);
}

/**
 * The Winograd filter gradient's sums over chunk k's share of the T tiles, into partial sum k
 * (planes·Ci·Co floats from du), through chunk k's own scratch area. The caller adds the partial
 * sums in chunk order, and the chunk count depends on the shapes only: results do not depend on
 * the number of threads.
 * args: 0 x, 1 dy, 2 du, 3 scratch (heap indices), 4 H, 5 W, 6 Ci, 7 Co, 8 top, 9 left, 10 Ho,
 *       11 Wo, 12 tilesH, 13 tilesW, 14 B, 15 T, 16 chunks, 17 planes (16: F(2x2), 36: F(4x4))
 */
export function nativeWinogradFilterSumsTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeWinogradFilterSumsTask without the native kernels');
  const T = a[15]!;
  const chunks = a[16]!;
  const planes = a[17]!;
  const t0 = Math.floor((T * chunk) / chunks);
  const t1 = Math.floor((T * (chunk + 1)) / chunks);
  const du = (a[2]! + chunk * planes * a[6]! * a[7]!) * 4;
  const scratch = (a[3]! + chunk * planes * a[14]! * (a[6]! + a[7]!)) * 4;
  (planes === 36 ? native.winograd4_filter_sums : native.winograd_filter_sums)(a[0]! * 4, a[1]! * 4, du, scratch, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, a[14]!, t0, t1);
}

/**
 * The Winograd filter gradient from its partial sums, chunk k doing its share of the Ci·Co
 * filter taps' channel pairs.
 * args: 0 du, 1 dg (heap indices), 2 Ci, 3 Co, 4 parts, 5 chunks, 6 planes (16 or 36)
 */
export function nativeWinogradFilterGradTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeWinogradFilterGradTask without the native kernels');
  const n = a[2]! * a[3]!;
  const chunks = a[5]!;
  const k0 = Math.floor((n * chunk) / chunks);
  const k1 = Math.floor((n * (chunk + 1)) / chunks);
  (a[6]! === 36 ? native.winograd4_filter_grad : native.winograd_filter_grad)(a[0]! * 4, a[1]! * 4, a[2]!, a[3]!, a[4]!, k0, k1);
}

/**
 * Adam's update of one variable for chunk k's share of its n elements (kernels/adam.ts): the
 * float32 operations of tfjs's AdamOptimizer, in its order, each rounded to float32 (a double
 * operation on float32 values rounded once gives the float32 result: 53 ≥ 2·24 + 2 bits), so the
 * bytes equal the native kernel's (native/adam.c) and tfjs's own.
 * args: 0 w, 1 m, 2 v, 3 g, 4 nw, 5 nm, 6 nv (heap indices), 7 n, 8 chunks, 9 b1, 10 c1, 11 b2,
 *       12 c2, 13 omb1, 14 omb2, 15 eps, 16 nlr (float32 values)
 */
export function adamTask(heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number): void {
  const f = Math.fround;
  const [w, m, v, g, nw, nm, nv] = [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!];
  const n = a[7]!;
  const chunks = a[8]!;
  const [b1, c1, b2, c2, omb1, omb2, eps, nlr] = [a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, a[14]!, a[15]!, a[16]!];
  const i0 = Math.floor((n * chunk) / chunks);
  const i1 = Math.floor((n * (chunk + 1)) / chunks);
  for (let i = i0; i < i1; i++) {
    const gi = heap[g + i]!;
    const mi = f(f(heap[m + i]! * b1) + f(gi * c1));
    const vi = f(f(heap[v + i]! * b2) + f(f(gi * gi) * c2));
    const den = f(f(Math.sqrt(f(vi / omb2))) + eps);
    heap[nm + i] = mi;
    heap[nv + i] = vi;
    heap[nw + i] = f(f(f(f(mi / omb1) / den) * nlr) + heap[w + i]!);
  }
}

/** adamTask by the native kernel (native/adam.c): the same arguments and chunks, the same bytes. */
export function nativeAdamTask(_heap: Float32Array, _scratch: Float64Array, a: Float64Array, chunk: number, native?: NativeKernels): void {
  if (native === undefined) throw new Error('bug: nativeAdamTask without the native kernels');
  const n = a[7]!;
  const chunks = a[8]!;
  const i0 = Math.floor((n * chunk) / chunks);
  const i1 = Math.floor((n * (chunk + 1)) / chunks);
  native.adam_update(a[0]! * 4, a[1]! * 4, a[2]! * 4, a[3]! * 4, a[4]! * 4, a[5]! * 4, a[6]! * 4, i0, i1, a[9]!, a[10]!, a[11]!, a[12]!, a[13]!, a[14]!, a[15]!, a[16]!);
}

/** Every task, by id (its index here): the pool sends their source to its workers in this order. */
export const HEAP_TASKS: readonly HeapTask[] = [columnSumsTask, rowSumsTask, batchNormSumsTask, scaleChannelsTask, maxPoolGradTask, normalizeChannelsTask, patchesTask, transposeTask, conv2dFilterGradTask, conv2dFilterGradSmallPatchTask, nativeBatchNormSumsTask, nativeScaleChannelsTask, nativeColumnSumsTask, nativeNormalizeChannelsTask, nativeMaxPoolGradTask, nativeCol2imTask, nativeWinogradConvTask, nativeWinogradFilterSumsTask, nativeWinogradFilterGradTask, adamTask, nativeAdamTask];

/** Task ids: indices into HEAP_TASKS. */
export const TaskId = { ColumnSums: 0, RowSums: 1, BatchNormSums: 2, ScaleChannels: 3, MaxPoolGrad: 4, NormalizeChannels: 5, Patches: 6, Transpose: 7, Conv2dFilterGrad: 8, Conv2dFilterGradSmallPatch: 9, NativeBatchNormSums: 10, NativeScaleChannels: 11, NativeColumnSums: 12, NativeNormalizeChannels: 13, NativeMaxPoolGrad: 14, NativeCol2im: 15, NativeWinogradConv: 16, NativeWinogradFilterSums: 17, NativeWinogradFilterGrad: 18, Adam: 19, NativeAdam: 20 } as const;
