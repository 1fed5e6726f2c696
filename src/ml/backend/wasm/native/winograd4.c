// Winograd F(4x4, 3x3) (Lavin and Gray 2016) in WebAssembly SIMD: the larger-tile sibling of
// winograd.c's F(2x2, 3x3), for the same 3x3 stride-1 convolutions (kernels/winograd.ts chooses
// it, where switched on, for outputs large enough that its tiles do not go mostly to waste).
// Built by `npm run build:wasm` into winograd4.wasm.ts.
//
// Why: each 4x4 output tile comes from a 6x6 input tile with 36 multiply-adds per input and
// output channel, 2.25 per output value, against 4 for F(2x2, 3x3) and 9 for the direct
// convolution. The price: transforms with more terms, and constants (4, 5, 1/6, 1/24, 8) that
// round more: results differ from the direct convolution by several times F(2x2)'s rounding.
//
// Transforms, with d a 6x6 input tile, g a 3x3 filter, y a 4x4 output tile:
//   V = Bᵀ d B, U = G g Gᵀ, y = Aᵀ (U ⊙ V) A, summed over input channels inside the products;
//   Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1],
//   G = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1/24 1/12 ⅙; 1/24 −1/12 ⅙; 0 0 1],
//   Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1].
// The filter gradient: dM = A dy Aᵀ per output tile, dU = Σ_tiles V ⊙ dM, dg = Gᵀ dU G.
// Blocks of tiles, scratch areas, layouts and channel rules as in winograd.c, with 36 planes
// (ξ = 6·row + column of the 6x6 tile) instead of 16 and tiles of 4x4 outputs.
//
// No arrays or structs may live in linear memory (see winograd.c): every loop over a small array
// is unrolled in full, so its elements stay in locals.
#include <wasm_simd128.h>
#include "winograd_products.h"

#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul

// Bᵀ·(six values): the 1-D input transform.
#define BT6(d0, d1, d2, d3, d4, d5, o0, o1, o2, o3, o4, o5)          \
  do {                                                               \
    const v128_t four_ = wasm_f32x4_splat(4.0f), five_ = wasm_f32x4_splat(5.0f); \
    const v128_t two_ = wasm_f32x4_splat(2.0f);                      \
    const v128_t d42_ = SUB(d4, d2);                                 \
    const v128_t t31_ = MUL(two_, SUB(d3, d1));                      \
    o0 = ADD(SUB(MUL(four_, d0), MUL(five_, d2)), d4);               \
    o1 = SUB(ADD(d3, d4), MUL(four_, ADD(d1, d2)));                  \
    o2 = ADD(SUB(d4, d3), MUL(four_, SUB(d1, d2)));                  \
    o3 = ADD(d42_, t31_);                                            \
    o4 = SUB(d42_, t31_);                                            \
    o5 = ADD(SUB(MUL(four_, d1), MUL(five_, d3)), d5);               \
  } while (0)

// Aᵀ·(six values): the 1-D output transform.
#define AT6(e0, e1, e2, e3, e4, e5, o0, o1, o2, o3)                  \
  do {                                                               \
    const v128_t p12_ = ADD(e1, e2), m12_ = SUB(e1, e2);             \
    const v128_t p34_ = ADD(e3, e4), m34_ = SUB(e3, e4);             \
    o0 = ADD(ADD(e0, p12_), p34_);                                   \
    o1 = ADD(m12_, MUL(wasm_f32x4_splat(2.0f), m34_));               \
    o2 = ADD(p12_, MUL(wasm_f32x4_splat(4.0f), p34_));               \
    o3 = ADD(ADD(m12_, MUL(wasm_f32x4_splat(8.0f), m34_)), e5);      \
  } while (0)

// A·(four values): the 1-D transform of the output gradient.
#define A6(e0, e1, e2, e3, o0, o1, o2, o3, o4, o5)                   \
  do {                                                               \
    const v128_t s02_ = ADD(e0, e2), s13_ = ADD(e1, e3);             \
    const v128_t p_ = ADD(e0, MUL(wasm_f32x4_splat(4.0f), e2));      \
    const v128_t q_ = ADD(MUL(wasm_f32x4_splat(2.0f), e1), MUL(wasm_f32x4_splat(8.0f), e3)); \
    o0 = e0;                                                         \
    o1 = ADD(s02_, s13_);                                            \
    o2 = SUB(s02_, s13_);                                            \
    o3 = ADD(p_, q_);                                                \
    o4 = SUB(p_, q_);                                                \
    o5 = e3;                                                         \
  } while (0)

typedef struct {
  int H, W, Ci, Co, top, left, Ho, Wo, tilesH, tilesW;
} Geometry;

// Row i of a transformed 6x6 tile: its six values to planes 6i .. 6i + 5 (plane stride `plane`).
__attribute__((always_inline)) static void store_row(float* p, int plane, v128_t o0, v128_t o1, v128_t o2, v128_t o3, v128_t o4, v128_t o5) {
  wasm_v128_store(p, o0);
  wasm_v128_store(p + plane, o1);
  wasm_v128_store(p + 2 * plane, o2);
  wasm_v128_store(p + 3 * plane, o3);
  wasm_v128_store(p + 4 * plane, o4);
  wasm_v128_store(p + 5 * plane, o5);
}

// V (plane stride B·C, row stride C) of the tiles [t0, t0 + nb) of x (channels C); zeros outside.
__attribute__((always_inline)) static void input_tiles(const float* x, float* v, Geometry g, int C, int B, int t0, int nb) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const int perImage = g.tilesH * g.tilesW, plane = B * C;
  for (int k = 0; k < nb; k++) {
    const int t = t0 + k, n = t / perImage, r = t % perImage;
    const int r0 = 4 * (r / g.tilesW) - g.top, q0 = 4 * (r % g.tilesW) - g.left;
    const float* rows[6];
    int rowOk[6], colOk[6];
#pragma clang loop unroll(full)
    for (int i = 0; i < 6; i++) {
      const int y = r0 + i, q = q0 + i;
      rowOk[i] = y >= 0 && y < g.H;
      rows[i] = x + ((n * g.H + (rowOk[i] ? y : 0)) * g.W) * C;
      colOk[i] = q >= 0 && q < g.W;
    }
    float* out = v + k * C;
    for (int c = 0; c < C; c += 4) {
      v128_t u[6][6];
#pragma clang loop unroll(full)
      for (int j = 0; j < 6; j++) {
        v128_t d[6];
#pragma clang loop unroll(full)
        for (int i = 0; i < 6; i++) d[i] = (rowOk[i] && colOk[j]) ? wasm_v128_load(rows[i] + (q0 + j) * C + c) : zero;
        BT6(d[0], d[1], d[2], d[3], d[4], d[5], u[0][j], u[1][j], u[2][j], u[3][j], u[4][j], u[5][j]);
      }
#pragma clang loop unroll(full)
      for (int i = 0; i < 6; i++) {
        v128_t o0, o1, o2, o3, o4, o5;
        BT6(u[i][0], u[i][1], u[i][2], u[i][3], u[i][4], u[i][5], o0, o1, o2, o3, o4, o5);
        store_row(out + 6 * i * plane + c, plane, o0, o1, o2, o3, o4, o5);
      }
    }
  }
}

// y = Aᵀ M A for the tiles [t0, t0 + nb) from M (plane stride B·Co, row stride Co); a tile's rows
// or columns past Ho or Wo are not written.
__attribute__((always_inline)) static void output_tiles(const float* m, float* y, Geometry g, int B, int t0, int nb) {
  const int perImage = g.tilesH * g.tilesW, C = g.Co, plane = B * C;
  for (int k = 0; k < nb; k++) {
    const int t = t0 + k, n = t / perImage, r = t % perImage;
    const int i0 = 4 * (r / g.tilesW), j0 = 4 * (r % g.tilesW);
    const int nRows = g.Ho - i0 < 4 ? g.Ho - i0 : 4, nCols = g.Wo - j0 < 4 ? g.Wo - j0 : 4;
    float* out = y + ((n * g.Ho + i0) * g.Wo + j0) * C;
    const float* in = m + k * C;
    for (int c = 0; c < C; c += 4) {
      // Aᵀ over the rows of each column, then over the columns.
      v128_t a[4][6];
#pragma clang loop unroll(full)
      for (int j = 0; j < 6; j++) {
        const float* p = in + j * plane + c;
        AT6(wasm_v128_load(p), wasm_v128_load(p + 6 * plane), wasm_v128_load(p + 12 * plane), wasm_v128_load(p + 18 * plane),
            wasm_v128_load(p + 24 * plane), wasm_v128_load(p + 30 * plane), a[0][j], a[1][j], a[2][j], a[3][j]);
      }
#pragma clang loop unroll(full)
      for (int i = 0; i < 4; i++) {
        v128_t y0, y1, y2, y3;
        AT6(a[i][0], a[i][1], a[i][2], a[i][3], a[i][4], a[i][5], y0, y1, y2, y3);
        float* row = out + i * g.Wo * C + c;
        if (i < nRows) {
          wasm_v128_store(row, y0);
          if (nCols > 1) wasm_v128_store(row + C, y1);
          if (nCols > 2) wasm_v128_store(row + 2 * C, y2);
          if (nCols > 3) wasm_v128_store(row + 3 * C, y3);
        }
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
    const int i0 = 4 * (r / g.tilesW), j0 = 4 * (r % g.tilesW);
    const int nRows = g.Ho - i0 < 4 ? g.Ho - i0 : 4, nCols = g.Wo - j0 < 4 ? g.Wo - j0 : 4;
    const float* in = dy + ((n * g.Ho + i0) * g.Wo + j0) * C;
    float* out = dm + k * C;
    for (int c = 0; c < C; c += 4) {
      // A over the rows of each column of the 4x4 dy tile, then over the columns.
      v128_t h[6][4];
#pragma clang loop unroll(full)
      for (int j = 0; j < 4; j++) {
        v128_t e[4];
#pragma clang loop unroll(full)
        for (int i = 0; i < 4; i++) e[i] = (i < nRows && j < nCols) ? wasm_v128_load(in + (i * g.Wo + j) * C + c) : zero;
        A6(e[0], e[1], e[2], e[3], h[0][j], h[1][j], h[2][j], h[3][j], h[4][j], h[5][j]);
      }
#pragma clang loop unroll(full)
      for (int i = 0; i < 6; i++) {
        v128_t o0, o1, o2, o3, o4, o5;
        A6(h[i][0], h[i][1], h[i][2], h[i][3], o0, o1, o2, o3, o4, o5);
        store_row(out + 6 * i * plane + c, plane, o0, o1, o2, o3, o4, o5);
      }
    }
  }
}

// The convolution of the tiles [t0, t1): y from x and U, in blocks of B tiles through scratch
// (36·B·(Ci + Co) floats of its own).
__attribute__((export_name("winograd4_conv")))
void winograd4_conv(const float* x, const float* u, float* y, float* scratch, int H, int W, int Ci,
                    int Co, int top, int left, int Ho, int Wo, int tilesH, int tilesW, int B,
                    int t0, int t1) {
  const Geometry g = {H, W, Ci, Co, top, left, Ho, Wo, tilesH, tilesW};
  float* v = scratch;
  float* m = scratch + 36 * B * Ci;
  for (int tb = t0; tb < t1; tb += B) {
    const int nb = t1 - tb < B ? t1 - tb : B;
    input_tiles(x, v, g, Ci, B, tb, nb);
    for (int q = 0; q < 36; q++) product(v + q * B * Ci, u + q * Ci * Co, m + q * B * Co, nb, Ci, Co);
    output_tiles(m, y, g, B, tb, nb);
  }
}

// The filter gradient's sums dU (36·Ci·Co floats, overwritten) over the tiles [t0, t1), in
// blocks of B tiles through scratch (36·B·(Ci + Co) floats of its own).
__attribute__((export_name("winograd4_filter_sums")))
void winograd4_filter_sums(const float* x, const float* dy, float* du, float* scratch, int H, int W,
                           int Ci, int Co, int top, int left, int Ho, int Wo, int tilesH,
                           int tilesW, int B, int t0, int t1) {
  const Geometry g = {H, W, Ci, Co, top, left, Ho, Wo, tilesH, tilesW};
  float* v = scratch;
  float* dm = scratch + 36 * B * Ci;
  for (int i = 0; i < 36 * Ci * Co; i++) du[i] = 0.0f;
  for (int tb = t0; tb < t1; tb += B) {
    const int nb = t1 - tb < B ? t1 - tb : B;
    input_tiles(x, v, g, Ci, B, tb, nb);
    output_grad_tiles(dy, dm, g, B, tb, nb);
    for (int q = 0; q < 36; q++) product_at_b(v + q * B * Ci, dm + q * B * Co, du + q * Ci * Co, nb, Ci, Co);
  }
}

// G·(three values): the 1-D filter transform, in scalars.
#define G6(f0, f1, f2, o0, o1, o2, o3, o4, o5)                       \
  do {                                                               \
    const float s_ = (f0) + (f2);                                    \
    o0 = 0.25f * (f0);                                               \
    o1 = -(s_ + (f1)) * (1.0f / 6.0f);                               \
    o2 = -(s_ - (f1)) * (1.0f / 6.0f);                               \
    o3 = (f0) * (1.0f / 24.0f) + (f1) * (1.0f / 12.0f) + (f2) * (1.0f / 6.0f); \
    o4 = (f0) * (1.0f / 24.0f) - (f1) * (1.0f / 12.0f) + (f2) * (1.0f / 6.0f); \
    o5 = (f2);                                                       \
  } while (0)

// U = G g Gᵀ for the filter g [3][3][Ci][Co] into u [36][Ci][Co]; with flip, for the input
// gradient, the flipped filter into u [36][Co][Ci] (as winograd.c's winograd_filter). One thread.
__attribute__((export_name("winograd4_filter")))
void winograd4_filter(const float* g, float* u, int Ci, int Co, int flip) {
  const int plane = Ci * Co;
  for (int ci = 0; ci < Ci; ci++) {
    for (int co = 0; co < Co; co++) {
      float f[3][3];
#pragma clang loop unroll(full)
      for (int a = 0; a < 3; a++)
#pragma clang loop unroll(full)
        for (int b = 0; b < 3; b++)
          f[a][b] = flip ? g[((2 - a) * 3 + (2 - b)) * plane + ci * Co + co] : g[(a * 3 + b) * plane + ci * Co + co];
      float h[6][3];
#pragma clang loop unroll(full)
      for (int b = 0; b < 3; b++) G6(f[0][b], f[1][b], f[2][b], h[0][b], h[1][b], h[2][b], h[3][b], h[4][b], h[5][b]);
      float* o = u + (flip ? co * Ci + ci : ci * Co + co);
#pragma clang loop unroll(full)
      for (int i = 0; i < 6; i++) {
        float o0, o1, o2, o3, o4, o5;
        G6(h[i][0], h[i][1], h[i][2], o0, o1, o2, o3, o4, o5);
        o[(6 * i + 0) * plane] = o0;
        o[(6 * i + 1) * plane] = o1;
        o[(6 * i + 2) * plane] = o2;
        o[(6 * i + 3) * plane] = o3;
        o[(6 * i + 4) * plane] = o4;
        o[(6 * i + 5) * plane] = o5;
      }
    }
  }
}

// Gᵀ·(six values): the 1-D transform of the filter gradient, in scalars.
#define GT6(u0, u1, u2, u3, u4, u5, o0, o1, o2)                     \
  do {                                                              \
    const float p12_ = (u1) + (u2), m12_ = (u2) - (u1);             \
    const float p34_ = (u3) + (u4), m34_ = (u3) - (u4);             \
    o0 = 0.25f * (u0) - p12_ * (1.0f / 6.0f) + p34_ * (1.0f / 24.0f); \
    o1 = m12_ * (1.0f / 6.0f) + m34_ * (1.0f / 12.0f);              \
    o2 = (p34_ - p12_) * (1.0f / 6.0f) + (u5);                      \
  } while (0)

// dg = Gᵀ dU G for the elements [k0, k1) of the Ci·Co filter plane, dU being the sum of `parts`
// partial sums [parts][36][Ci][Co], added in order: the filter gradient [3][3][Ci][Co].
__attribute__((export_name("winograd4_filter_grad")))
void winograd4_filter_grad(const float* du, float* dg, int Ci, int Co, int parts, int k0, int k1) {
  const int plane = Ci * Co;
  for (int k = k0; k < k1; k++) {
    float u[6][6];
#pragma clang loop unroll(full)
    for (int q = 0; q < 36; q++) u[q / 6][q % 6] = du[q * plane + k];
    for (int p = 1; p < parts; p++) {
#pragma clang loop unroll(full)
      for (int q = 0; q < 36; q++) u[q / 6][q % 6] += du[(p * 36 + q) * plane + k];
    }
    float h[3][6];
#pragma clang loop unroll(full)
    for (int j = 0; j < 6; j++) GT6(u[0][j], u[1][j], u[2][j], u[3][j], u[4][j], u[5][j], h[0][j], h[1][j], h[2][j]);
#pragma clang loop unroll(full)
    for (int a = 0; a < 3; a++) {
      float o0, o1, o2;
      GT6(h[a][0], h[a][1], h[a][2], h[a][3], h[a][4], h[a][5], o0, o1, o2);
      dg[(a * 3 + 0) * plane + k] = o0;
      dg[(a * 3 + 1) * plane + k] = o1;
      dg[(a * 3 + 2) * plane + k] = o2;
    }
  }
}
