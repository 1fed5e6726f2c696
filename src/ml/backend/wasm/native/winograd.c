// Winograd F(2x2, 3x3) convolution (Lavin and Gray 2016) in WebAssembly SIMD, for 3x3 stride-1
// convolutions (kernels/winograd.ts). Built by `npm run build:wasm` into winograd.wasm.ts.
//
// Why: the direct convolution spends 9 multiply-adds per output value and input channel; with
// 2x2 output tiles computed from 4x4 input tiles in the transformed domain it spends 4 (16 per
// tile of 4 outputs), in 16 independent matrix products [tiles x Ci] x [Ci x Co]. The transforms
// are additions only (and halvings in the filter's).
// The result is the same convolution to float32 rounding, not to the bit: the sums run in
// another order. That is why the kernel is a choice (kernels/winograd.ts), off by default.
//
// Transforms, with d a 4x4 input tile, g a 3x3 filter, y a 2x2 output tile:
//   V = Bᵀ d B, U = G g Gᵀ, y = Aᵀ (U ⊙ V) A, summed over input channels inside the products;
//   Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1],
//   Aᵀ = [1 1 1 0; 0 1 -1 -1].
// The filter gradient follows from the same identity: with dM = A dy Aᵀ per output tile,
// dU = Σ_tiles V ⊙ dM (16 products [Ci x tiles] x [tiles x Co]) and dg = Gᵀ dU G.
//
// Why one pass per block of tiles: the transformed tiles are 4x the size of the output (16 values
// per 4 outputs), so writing all of them out and reading them back, as separate transform and
// product passes would, moves several times the memory of the convolution itself, and with two
// threads the memory, not the arithmetic, set the pace. Here each call takes its tiles in blocks
// whose transforms (V, and M or dM) fit in the core's cache, in a scratch area of its own, and
// goes from input tiles to output tiles (or filter-gradient sums) before the next block.
//
// No arrays or structs may live in linear memory (the helpers are inlined, the small arrays kept
// in registers): the module's stack would be at a fixed address of the backend's heap, shared by
// every thread (npm run build:wasm refuses a module that uses it).
//
// Layouts: x and y are NHWC; U and dU are [16][Ci][Co] (ξ = 4·row + column of the 4x4 tile);
// a block's V is [16][B][Ci] and its M or dM [16][B][Co]. Tile t is (n, ti, tj) row-major with
// tilesH·tilesW tiles per image; its output rows are 2ti, 2ti + 1. Channel counts: Ci % 4 == 0,
// Co % 8 == 0. This module owns no memory: everything lives in the backend's heap.
#include <wasm_simd128.h>

// Bᵀ·(four values): the 1-D input transform.
#define BT(a, b, c, d, o0, o1, o2, o3)      \
  do {                                      \
    o0 = wasm_f32x4_sub(a, c);              \
    o1 = wasm_f32x4_add(b, c);              \
    o2 = wasm_f32x4_sub(c, b);              \
    o3 = wasm_f32x4_sub(b, d);              \
  } while (0)

typedef struct {
  int H, W, Ci, Co, top, left, Ho, Wo, tilesH, tilesW;
} Geometry;

// V (plane stride B·C, row stride C) of the tiles [t0, t0 + nb) of x (channels C); zeros outside.
__attribute__((always_inline)) static void input_tiles(const float* x, float* v, Geometry g, int C, int B, int t0, int nb) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const int perImage = g.tilesH * g.tilesW, plane = B * C;
  for (int k = 0; k < nb; k++) {
    const int t = t0 + k, n = t / perImage, r = t % perImage;
    const int r0 = 2 * (r / g.tilesW) - g.top, q0 = 2 * (r % g.tilesW) - g.left;
    const float* rows[4];
    int rowOk[4], colOk[4];
    for (int i = 0; i < 4; i++) {
      const int y = r0 + i, q = q0 + i;
      rowOk[i] = y >= 0 && y < g.H;
      rows[i] = x + ((n * g.H + (rowOk[i] ? y : 0)) * g.W) * C;
      colOk[i] = q >= 0 && q < g.W;
    }
    float* out = v + k * C;
    for (int c = 0; c < C; c += 4) {
      v128_t d[4][4];
      for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
          d[i][j] = (rowOk[i] && colOk[j]) ? wasm_v128_load(rows[i] + (q0 + j) * C + c) : zero;
      v128_t u[4][4];
      for (int j = 0; j < 4; j++) BT(d[0][j], d[1][j], d[2][j], d[3][j], u[0][j], u[1][j], u[2][j], u[3][j]);
      for (int i = 0; i < 4; i++) {
        v128_t v0, v1, v2, v3;
        BT(u[i][0], u[i][1], u[i][2], u[i][3], v0, v1, v2, v3);
        wasm_v128_store(out + (4 * i + 0) * plane + c, v0);
        wasm_v128_store(out + (4 * i + 1) * plane + c, v1);
        wasm_v128_store(out + (4 * i + 2) * plane + c, v2);
        wasm_v128_store(out + (4 * i + 3) * plane + c, v3);
      }
    }
  }
}

// y = Aᵀ M A for the tiles [t0, t0 + nb) from M (plane stride B·Co, row stride Co); a tile's row
// or column past Ho or Wo (odd sizes) is not written.
__attribute__((always_inline)) static void output_tiles(const float* m, float* y, Geometry g, int B, int t0, int nb) {
  const int perImage = g.tilesH * g.tilesW, C = g.Co, plane = B * C;
  for (int k = 0; k < nb; k++) {
    const int t = t0 + k, n = t / perImage, r = t % perImage;
    const int i0 = 2 * (r / g.tilesW), j0 = 2 * (r % g.tilesW);
    const int twoRows = i0 + 1 < g.Ho, twoCols = j0 + 1 < g.Wo;
    float* out = y + ((n * g.Ho + i0) * g.Wo + j0) * C;
    const float* in = m + k * C;
    for (int c = 0; c < C; c += 4) {
      v128_t e[16];
      for (int q = 0; q < 16; q++) e[q] = wasm_v128_load(in + q * plane + c);
      // Aᵀ over the rows of each column, then over the columns.
      v128_t a[2][4];
      for (int j = 0; j < 4; j++) {
        a[0][j] = wasm_f32x4_add(wasm_f32x4_add(e[j], e[4 + j]), e[8 + j]);
        a[1][j] = wasm_f32x4_sub(wasm_f32x4_sub(e[4 + j], e[8 + j]), e[12 + j]);
      }
      for (int i = 0; i < (twoRows ? 2 : 1); i++) {
        const v128_t y0 = wasm_f32x4_add(wasm_f32x4_add(a[i][0], a[i][1]), a[i][2]);
        const v128_t y1 = wasm_f32x4_sub(wasm_f32x4_sub(a[i][1], a[i][2]), a[i][3]);
        float* row = out + i * g.Wo * C + c;
        wasm_v128_store(row, y0);
        if (twoCols) wasm_v128_store(row + C, y1);
      }
    }
  }
}

// dM = A dy Aᵀ (plane stride B·Co, row stride Co) of the tiles [t0, t0 + nb) of dy; zeros past the edge.
__attribute__((always_inline)) static void output_grad_tiles(const float* dy, float* dm, Geometry g, int B, int t0, int nb) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const int perImage = g.tilesH * g.tilesW, C = g.Co, plane = B * C;
  for (int k = 0; k < nb; k++) {
    const int t = t0 + k, n = t / perImage, r = t % perImage;
    const int i0 = 2 * (r / g.tilesW), j0 = 2 * (r % g.tilesW);
    const int twoRows = i0 + 1 < g.Ho, twoCols = j0 + 1 < g.Wo;
    const float* in = dy + ((n * g.Ho + i0) * g.Wo + j0) * C;
    float* out = dm + k * C;
    for (int c = 0; c < C; c += 4) {
      const v128_t y00 = wasm_v128_load(in + c);
      const v128_t y01 = twoCols ? wasm_v128_load(in + C + c) : zero;
      const v128_t y10 = twoRows ? wasm_v128_load(in + g.Wo * C + c) : zero;
      const v128_t y11 = twoRows && twoCols ? wasm_v128_load(in + g.Wo * C + C + c) : zero;
      // A (4x2) over the rows: [y0, y0 + y1, y0 − y1, −y1], then over the columns.
      v128_t e[4][2];
      e[0][0] = y00; e[0][1] = y01;
      e[1][0] = wasm_f32x4_add(y00, y10); e[1][1] = wasm_f32x4_add(y01, y11);
      e[2][0] = wasm_f32x4_sub(y00, y10); e[2][1] = wasm_f32x4_sub(y01, y11);
      e[3][0] = wasm_f32x4_neg(y10); e[3][1] = wasm_f32x4_neg(y11);
      for (int i = 0; i < 4; i++) {
        wasm_v128_store(out + (4 * i + 0) * plane + c, e[i][0]);
        wasm_v128_store(out + (4 * i + 1) * plane + c, wasm_f32x4_add(e[i][0], e[i][1]));
        wasm_v128_store(out + (4 * i + 2) * plane + c, wasm_f32x4_sub(e[i][0], e[i][1]));
        wasm_v128_store(out + (4 * i + 3) * plane + c, wasm_f32x4_neg(e[i][1]));
      }
    }
  }
}

#include "winograd_products.h"

// The convolution of the tiles [t0, t1): y from x and U, in blocks of B tiles through scratch
// (16·B·(Ci + Co) floats of its own).
__attribute__((export_name("winograd_conv")))
void winograd_conv(const float* x, const float* u, float* y, float* scratch, int H, int W, int Ci,
                   int Co, int top, int left, int Ho, int Wo, int tilesH, int tilesW, int B,
                   int t0, int t1) {
  const Geometry g = {H, W, Ci, Co, top, left, Ho, Wo, tilesH, tilesW};
  float* v = scratch;
  float* m = scratch + 16 * B * Ci;
  for (int tb = t0; tb < t1; tb += B) {
    const int nb = t1 - tb < B ? t1 - tb : B;
    input_tiles(x, v, g, Ci, B, tb, nb);
    for (int q = 0; q < 16; q++) product(v + q * B * Ci, u + q * Ci * Co, m + q * B * Co, nb, Ci, Co);
    output_tiles(m, y, g, B, tb, nb);
  }
}

// The filter gradient's sums dU (16·Ci·Co floats, overwritten) over the tiles [t0, t1), in
// blocks of B tiles through scratch (16·B·(Ci + Co) floats of its own).
__attribute__((export_name("winograd_filter_sums")))
void winograd_filter_sums(const float* x, const float* dy, float* du, float* scratch, int H, int W,
                          int Ci, int Co, int top, int left, int Ho, int Wo, int tilesH,
                          int tilesW, int B, int t0, int t1) {
  const Geometry g = {H, W, Ci, Co, top, left, Ho, Wo, tilesH, tilesW};
  float* v = scratch;
  float* dm = scratch + 16 * B * Ci;
  for (int i = 0; i < 16 * Ci * Co; i++) du[i] = 0.0f;
  for (int tb = t0; tb < t1; tb += B) {
    const int nb = t1 - tb < B ? t1 - tb : B;
    input_tiles(x, v, g, Ci, B, tb, nb);
    output_grad_tiles(dy, dm, g, B, tb, nb);
    for (int q = 0; q < 16; q++) product_at_b(v + q * B * Ci, dm + q * B * Co, du + q * Ci * Co, nb, Ci, Co);
  }
}

// U = G g Gᵀ for the filter g [3][3][Ci][Co] into u [16][Ci][Co]; with flip, for the input
// gradient: the filter reversed in both spatial axes with in and out channels swapped, so u is
// [16][Co][Ci] (g'[a][b][co][ci] = g[2−a][2−b][ci][co]). Small: runs on one thread.
__attribute__((export_name("winograd_filter")))
void winograd_filter(const float* g, float* u, int Ci, int Co, int flip) {
  const int plane = Ci * Co;
  for (int ci = 0; ci < Ci; ci++) {
    for (int co = 0; co < Co; co++) {
      float f[3][3];
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
          f[a][b] = flip ? g[((2 - a) * 3 + (2 - b)) * plane + ci * Co + co] : g[(a * 3 + b) * plane + ci * Co + co];
      float h[4][3];
      for (int b = 0; b < 3; b++) {
        h[0][b] = f[0][b];
        h[1][b] = 0.5f * (f[0][b] + f[1][b] + f[2][b]);
        h[2][b] = 0.5f * (f[0][b] - f[1][b] + f[2][b]);
        h[3][b] = f[2][b];
      }
      float* o = u + (flip ? co * Ci + ci : ci * Co + co);
      for (int i = 0; i < 4; i++) {
        o[(4 * i + 0) * plane] = h[i][0];
        o[(4 * i + 1) * plane] = 0.5f * (h[i][0] + h[i][1] + h[i][2]);
        o[(4 * i + 2) * plane] = 0.5f * (h[i][0] - h[i][1] + h[i][2]);
        o[(4 * i + 3) * plane] = h[i][2];
      }
    }
  }
}

// dg = Gᵀ dU G for the elements [k0, k1) of the Ci·Co filter plane, dU being the sum of `parts`
// partial sums [parts][16][Ci][Co], added in order: the filter gradient [3][3][Ci][Co].
__attribute__((export_name("winograd_filter_grad")))
void winograd_filter_grad(const float* du, float* dg, int Ci, int Co, int parts, int k0, int k1) {
  const int plane = Ci * Co;
  for (int k = k0; k < k1; k++) {
    float u[4][4];
#pragma clang loop unroll(full)
    for (int q = 0; q < 16; q++) u[q / 4][q % 4] = du[q * plane + k];
    for (int p = 1; p < parts; p++) {
#pragma clang loop unroll(full)
      for (int q = 0; q < 16; q++) u[q / 4][q % 4] += du[(p * 16 + q) * plane + k];
    }
    // Gᵀ (3x4) = [1 ½ ½ 0; 0 ½ −½ 0; 0 ½ ½ 1] over the rows, then over the columns.
    float h[3][4];
    for (int j = 0; j < 4; j++) {
      h[0][j] = u[0][j] + 0.5f * (u[1][j] + u[2][j]);
      h[1][j] = 0.5f * (u[1][j] - u[2][j]);
      h[2][j] = 0.5f * (u[1][j] + u[2][j]) + u[3][j];
    }
    for (int a = 0; a < 3; a++) {
      dg[(a * 3 + 0) * plane + k] = h[a][0] + 0.5f * (h[a][1] + h[a][2]);
      dg[(a * 3 + 1) * plane + k] = 0.5f * (h[a][1] - h[a][2]);
      dg[(a * 3 + 2) * plane + k] = 0.5f * (h[a][1] + h[a][2]) + h[a][3];
    }
  }
}
