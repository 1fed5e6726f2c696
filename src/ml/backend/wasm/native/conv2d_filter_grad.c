// The filter gradient of a 2-D convolution (Conv2DBackpropFilter), in WebAssembly SIMD, for the
// project's wasm training kernels. Built by `npm run build:wasm` (clang, wasm32, -msimd128) into
// conv2d-filter-grad.wasm.ts; see that script for the flags. Two functions, one for each way the
// backend computed this before, each summing in that way's order (see "Why these exact
// operations"): conv2d_filter_grad for layers with many input channels, and
// conv2d_filter_grad_small_patch (at the end) for filters with few taps·channels (a first layer).
//
//   dW[a][b][ci][co] = Σ over taps (i, j), row-major, then images n:
//                        x[i·sh + a − top][j·sw + b − left][n][ci] · dy[i][j][n][co]
//   with x laid out [H][W][N][Ci], dy [Ho][Wo][N][Co], dW [fh][fw][Ci][Co]; x outside the image is 0.
//
// Why not XNNPACK: the backend used to compute this as one XNNPACK convolution of x with dy as a
// (huge) filter, which streams that whole filter from memory for every 4 output rows and ran at
// half the speed of the forward pass. Here the sum is cut into blocks of TAPS_PER_BLOCK taps, and
// every output tile takes its share of a block while the block is in cache, carrying its
// accumulators in dW between blocks.
//
// Why these exact operations: each output element is summed in the same order as that XNNPACK
// convolution summed it (taps row-major, images innermost, starting from +0, one multiply then one
// add per term, zeros multiplied in for taps outside the image), so the results are the same to the
// bit and a model trains to the same weights with either kernel. Nothing here depends on how the
// tiles are shared out between threads: a tile is always summed whole by one call.
#include <wasm_simd128.h>

#define TAPS_PER_BLOCK 4

// Geometry of one call, passed by value (it lives in registers or the wasm value stack, never in
// linear memory: this module owns no memory of its own, it works inside the backend's heap).
typedef struct {
  int N, H, W, Ci, Ho, Wo, Co, fw, sh, sw, top, left;
} Geometry;

// Adds the taps [p0, p1) to the 4x8 output tile at c (rows ci..ci+3, columns co..co+7, row
// stride Co). x points at channel ci of x, dy at channel co of dy. first: start from +0.
static void tile_4x8(const float* x, const float* dy, float* c, Geometry g, int a, int b,
                     int p0, int p1, int first) {
  v128_t c00, c01, c10, c11, c20, c21, c30, c31;
  if (first) {
    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = wasm_f32x4_splat(0.0f);
  } else {
    c00 = wasm_v128_load(c); c01 = wasm_v128_load(c + 4);
    c10 = wasm_v128_load(c + g.Co); c11 = wasm_v128_load(c + g.Co + 4);
    c20 = wasm_v128_load(c + 2 * g.Co); c21 = wasm_v128_load(c + 2 * g.Co + 4);
    c30 = wasm_v128_load(c + 3 * g.Co); c31 = wasm_v128_load(c + 3 * g.Co + 4);
  }
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int p = p0; p < p1; p++) {
    const int i = p / g.Wo, j = p % g.Wo;
    const int r = i * g.sh + a - g.top, q = j * g.sw + b - g.left;
    const float* d = dy + (p * g.N) * g.Co;
    if (r >= 0 && r < g.H && q >= 0 && q < g.W) {
      const float* xp = x + ((r * g.W + q) * g.N) * g.Ci;
      for (int n = 0; n < g.N; n++) {
        const v128_t d0 = wasm_v128_load(d), d1 = wasm_v128_load(d + 4);
        v128_t v = wasm_v128_load32_splat(xp);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(v, d0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(v, d1));
        v = wasm_v128_load32_splat(xp + 1);
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(v, d0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(v, d1));
        v = wasm_v128_load32_splat(xp + 2);
        c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(v, d0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(v, d1));
        v = wasm_v128_load32_splat(xp + 3);
        c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(v, d0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(v, d1));
        xp += g.Ci;
        d += g.Co;
      }
    } else {
      // A tap in the padding: XNNPACK multiplies a row of zeros in. Skipping it would give the
      // same sums except where dy holds an infinity or NaN (0·∞ is NaN), so do the same.
      for (int n = 0; n < g.N; n++) {
        const v128_t p0v = wasm_f32x4_mul(zero, wasm_v128_load(d));
        const v128_t p1v = wasm_f32x4_mul(zero, wasm_v128_load(d + 4));
        c00 = wasm_f32x4_add(c00, p0v); c01 = wasm_f32x4_add(c01, p1v);
        c10 = wasm_f32x4_add(c10, p0v); c11 = wasm_f32x4_add(c11, p1v);
        c20 = wasm_f32x4_add(c20, p0v); c21 = wasm_f32x4_add(c21, p1v);
        c30 = wasm_f32x4_add(c30, p0v); c31 = wasm_f32x4_add(c31, p1v);
        d += g.Co;
      }
    }
  }
  wasm_v128_store(c, c00); wasm_v128_store(c + 4, c01);
  wasm_v128_store(c + g.Co, c10); wasm_v128_store(c + g.Co + 4, c11);
  wasm_v128_store(c + 2 * g.Co, c20); wasm_v128_store(c + 2 * g.Co + 4, c21);
  wasm_v128_store(c + 3 * g.Co, c30); wasm_v128_store(c + 3 * g.Co + 4, c31);
}

// Computes the output tiles [t0, t1) of dW in full. Tiles are numbered
//   t = ((a·fw + b)·(Ci/4) + ci/4)·(Co/8) + co/8,
// so a range of tiles is a contiguous run of dW's rows. Requires Ci % 4 == 0 and Co % 8 == 0.
__attribute__((export_name("conv2d_filter_grad")))
void conv2d_filter_grad(const float* x, const float* dy, float* dw,
                        int N, int H, int W, int Ci, int Ho, int Wo, int Co, int fw,
                        int sh, int sw, int top, int left, int t0, int t1) {
  const Geometry g = {N, H, W, Ci, Ho, Wo, Co, fw, sh, sw, top, left};
  const int ciTiles = Ci / 4, coTiles = Co / 8, taps = Ho * Wo;
  for (int p0 = 0; p0 < taps; p0 += TAPS_PER_BLOCK) {
    const int p1 = p0 + TAPS_PER_BLOCK < taps ? p0 + TAPS_PER_BLOCK : taps;
    for (int t = t0; t < t1; t++) {
      const int co = (t % coTiles) * 8, ci = ((t / coTiles) % ciTiles) * 4, ab = t / (coTiles * ciTiles);
      tile_4x8(x + ci, dy + co, dw + (ab * Ci + ci) * Co + co, g, ab / fw, ab % fw, p0, p1, p0 == 0);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Filters whose patch (fh·fw·Ci values) is small, typically a first layer on grayscale images:
// the backend computed dWᵀ = dyᵀ·P there, with P the im2col patches matrix, as one XNNPACK matrix
// product, which sums each output element over the rows of P in order: images outermost, then
// output pixels row-major. Same order here, and the same operations (from +0, a multiply then an
// add per term, padding as zeros), but without building P or transposing dy:
//   dW[p][co] = Σ over n, then (i, j) row-major: xp[n][i·sh + a][j·sw + b][ci] · dy[n][i][j][co]
// for patch entry p = (a·fw + b)·Ci + ci, with xp the input already padded (or cropped) to
// [N][Hp][Wp][Ci] so that every tap is inside it, dy [N][Ho][Wo][Co] as the backend keeps it.

// Adds images [n0, n1) to rows p..p+rows−1 (rows 1-4) and columns co..co+7 of dW (row stride
// Co). off: each row's offset in an image of xp; missing rows repeat row 0 and are not stored.
static void patch_tile_4x8(const float* xp, const float* dy, float* c, int Co, int Hp, int Wp,
                           int Ci, int Ho, int Wo, int sh, int sw, int o0, int o1, int o2, int o3,
                           int rows, int n0, int n1, int first) {
  v128_t c00, c01, c10, c11, c20, c21, c30, c31;
  if (first) {
    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = wasm_f32x4_splat(0.0f);
  } else {
    c00 = wasm_v128_load(c); c01 = wasm_v128_load(c + 4);
    c10 = c11 = c20 = c21 = c30 = c31 = c00;
    if (rows > 1) { c10 = wasm_v128_load(c + Co); c11 = wasm_v128_load(c + Co + 4); }
    if (rows > 2) { c20 = wasm_v128_load(c + 2 * Co); c21 = wasm_v128_load(c + 2 * Co + 4); }
    if (rows > 3) { c30 = wasm_v128_load(c + 3 * Co); c31 = wasm_v128_load(c + 3 * Co + 4); }
  }
  const int image = Hp * Wp * Ci;
  for (int n = n0; n < n1; n++) {
    const float* d = dy + (n * Ho * Wo) * Co;
    for (int i = 0; i < Ho; i++) {
      const float* x = xp + n * image + (i * sh * Wp) * Ci;
      for (int j = 0; j < Wo; j++) {
        const v128_t d0 = wasm_v128_load(d), d1 = wasm_v128_load(d + 4);
        v128_t v = wasm_v128_load32_splat(x + o0);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(v, d0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(v, d1));
        v = wasm_v128_load32_splat(x + o1);
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(v, d0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(v, d1));
        v = wasm_v128_load32_splat(x + o2);
        c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(v, d0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(v, d1));
        v = wasm_v128_load32_splat(x + o3);
        c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(v, d0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(v, d1));
        x += sw * Ci;
        d += Co;
      }
    }
  }
  wasm_v128_store(c, c00); wasm_v128_store(c + 4, c01);
  if (rows > 1) { wasm_v128_store(c + Co, c10); wasm_v128_store(c + Co + 4, c11); }
  if (rows > 2) { wasm_v128_store(c + 2 * Co, c20); wasm_v128_store(c + 2 * Co + 4, c21); }
  if (rows > 3) { wasm_v128_store(c + 3 * Co, c30); wasm_v128_store(c + 3 * Co + 4, c31); }
}

#define IMAGES_PER_BLOCK 4

// Computes the output tiles [t0, t1) of dW in full; tile t = (p/4)·(Co/8) + co/8 covers patch
// rows p..p+3 (fewer in the last row group) and columns co..co+7. Requires Co % 8 == 0.
__attribute__((export_name("conv2d_filter_grad_small_patch")))
void conv2d_filter_grad_small_patch(const float* xp, const float* dy, float* dw,
                                    int N, int Hp, int Wp, int Ci, int Ho, int Wo, int Co,
                                    int fh, int fw, int sh, int sw, int t0, int t1) {
  const int patch = fh * fw * Ci, coTiles = Co / 8;
  for (int n0 = 0; n0 < N; n0 += IMAGES_PER_BLOCK) {
    const int n1 = n0 + IMAGES_PER_BLOCK < N ? n0 + IMAGES_PER_BLOCK : N;
    for (int t = t0; t < t1; t++) {
      const int p = (t / coTiles) * 4, co = (t % coTiles) * 8;
      const int rows = patch - p < 4 ? patch - p : 4;
      int o[4];
      for (int r = 0; r < 4; r++) {
        const int q = p + (r < rows ? r : 0); // entry q = (a·fw + b)·Ci + ci
        const int ci = q % Ci, ab = q / Ci;
        o[r] = ((ab / fw) * Wp + ab % fw) * Ci + ci;
      }
      patch_tile_4x8(xp, dy + co, dw + p * Co + co, Co, Hp, Wp, Ci, Ho, Wo, sh, sw,
                     o[0], o[1], o[2], o[3], rows, n0, n1, n0 == 0);
    }
  }
}
