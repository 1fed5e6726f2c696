// MaxPoolGrad (kernels/max_pool_grad.ts) in WebAssembly SIMD: for each pooling window, dy goes to
// the window's first maximum in row-major order (the cpu backend's tie rule; NaN never wins). It
// replaces a JavaScript loop (heap-tasks.ts: maxPoolGradTask) and gives its results to the bit:
// the same maxima, and each dx value gets its dy terms in the same order (a float32 addition,
// which the loop computed in a double and rounded once: the same value, as 53 ≥ 2·24 + 2 bits).
// Built by `npm run build:wasm` into max-pool-grad.wasm.ts.
#include <wasm_simd128.h>

typedef struct {
  int inH, inW, C, outH, outW, strideH, strideW, dilH, dilW, effH, effW, top, left;
} Pool;

static void window(const float* x, const float* dy, float* dx, Pool p, int b, int oy, int ox) {
  const int rowStride = p.inW * p.C, imageSize = p.inH * rowStride;
  const int xBase = b * imageSize, y0 = oy * p.strideH - p.top, x0 = ox * p.strideW - p.left;
  const float* d = dy + ((b * p.outH + oy) * p.outW + ox) * p.C;
  int c = 0;
  for (; c + 4 <= p.C; c += 4) {
    v128_t best = wasm_f32x4_splat(-__builtin_inff());
    v128_t at = wasm_i32x4_splat(-1);
    for (int fy = 0; fy < p.effH; fy += p.dilH) {
      const int yy = y0 + fy;
      if (yy < 0 || yy >= p.inH) continue;
      for (int fx = 0; fx < p.effW; fx += p.dilW) {
        const int xx = x0 + fx;
        if (xx < 0 || xx >= p.inW) continue;
        const int base = xBase + yy * rowStride + xx * p.C + c;
        const v128_t v = wasm_v128_load(x + base);
        const v128_t gt = wasm_f32x4_gt(v, best);
        best = wasm_v128_bitselect(v, best, gt);
        at = wasm_v128_bitselect(wasm_i32x4_add(wasm_i32x4_splat(base), wasm_i32x4_make(0, 1, 2, 3)), at, gt);
      }
    }
    const int a0 = wasm_i32x4_extract_lane(at, 0), a1 = wasm_i32x4_extract_lane(at, 1);
    const int a2 = wasm_i32x4_extract_lane(at, 2), a3 = wasm_i32x4_extract_lane(at, 3);
    if (a0 >= 0) dx[a0] = dx[a0] + d[c];
    if (a1 >= 0) dx[a1] = dx[a1] + d[c + 1];
    if (a2 >= 0) dx[a2] = dx[a2] + d[c + 2];
    if (a3 >= 0) dx[a3] = dx[a3] + d[c + 3];
  }
  for (; c < p.C; c++) {
    float best = -__builtin_inff();
    int at = -1;
    for (int fy = 0; fy < p.effH; fy += p.dilH) {
      const int yy = y0 + fy;
      if (yy < 0 || yy >= p.inH) continue;
      for (int fx = 0; fx < p.effW; fx += p.dilW) {
        const int xx = x0 + fx;
        if (xx < 0 || xx >= p.inW) continue;
        const int base = xBase + yy * rowStride + xx * p.C + c;
        if (x[base] > best) { best = x[base]; at = base; }
      }
    }
    if (at >= 0) dx[at] = dx[at] + d[c];
  }
}

// dx for images [b0, b1), zeroed first. x, dx: [batch][inH][inW][C]; dy: [batch][outH][outW][C].
__attribute__((export_name("max_pool_grad")))
void max_pool_grad(const float* x, const float* dy, float* dx, int b0, int b1,
                   int inH, int inW, int C, int outH, int outW, int strideH, int strideW,
                   int dilH, int dilW, int effH, int effW, int top, int left) {
  const Pool p = {inH, inW, C, outH, outW, strideH, strideW, dilH, dilW, effH, effW, top, left};
  const int imageSize = inH * inW * C;
  for (int i = b0 * imageSize; i < b1 * imageSize; i++) dx[i] = 0.0f;
  for (int b = b0; b < b1; b++)
    for (int oy = 0; oy < outH; oy++)
      for (int ox = 0; ox < outW; ox++) window(x, dy, dx, p, b, oy, ox);
}
