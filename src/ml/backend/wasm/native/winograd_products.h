// The matrix products of the Winograd kernels (winograd.c: F(2x2, 3x3), winograd4.c: F(4x4, 3x3)),
// one per transformed plane; shared so that both sum in the same order. Included, not built alone.
#include <wasm_simd128.h>

// c[rows][n] = a[rows][k] · b[k][n] (row strides k and n; n % 8 == 0): 4x8 blocks of c in
// registers, then single rows for the last rows % 4. Each c value is summed over k in order.
__attribute__((always_inline)) static void product(const float* a, const float* b, float* c, int rows, int k, int n) {
  int r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* a0 = a + r * k;
    for (int j = 0; j < n; j += 8) {
      v128_t c00, c01, c10, c11, c20, c21, c30, c31;
      c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = wasm_f32x4_splat(0.0f);
      const float* bp = b + j;
      for (int p = 0; p < k; p++, bp += n) {
        const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
        v128_t s = wasm_v128_load32_splat(a0 + p);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(s, b0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(s, b1));
        s = wasm_v128_load32_splat(a0 + k + p);
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(s, b0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(s, b1));
        s = wasm_v128_load32_splat(a0 + 2 * k + p);
        c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(s, b0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(s, b1));
        s = wasm_v128_load32_splat(a0 + 3 * k + p);
        c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(s, b0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(s, b1));
      }
      float* cp = c + r * n + j;
      wasm_v128_store(cp, c00); wasm_v128_store(cp + 4, c01);
      wasm_v128_store(cp + n, c10); wasm_v128_store(cp + n + 4, c11);
      wasm_v128_store(cp + 2 * n, c20); wasm_v128_store(cp + 2 * n + 4, c21);
      wasm_v128_store(cp + 3 * n, c30); wasm_v128_store(cp + 3 * n + 4, c31);
    }
  }
  for (; r < rows; r++) {
    const float* a0 = a + r * k;
    for (int j = 0; j < n; j += 8) {
      v128_t c0 = wasm_f32x4_splat(0.0f), c1 = c0;
      const float* bp = b + j;
      for (int p = 0; p < k; p++, bp += n) {
        const v128_t s = wasm_v128_load32_splat(a0 + p);
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(s, wasm_v128_load(bp)));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(s, wasm_v128_load(bp + 4)));
      }
      wasm_v128_store(c + r * n + j, c0);
      wasm_v128_store(c + r * n + j + 4, c1);
    }
  }
}

// c[ci][co] += Σ_t a[t][ci] · b[t][co] over rows t < rows (row strides Ci and Co; Ci % 4 == 0,
// Co % 8 == 0): the filter gradient's products, 4x8 blocks of c in registers, t in order.
__attribute__((always_inline)) static void product_at_b(const float* a, const float* b, float* c, int rows, int Ci, int Co) {
  for (int ci = 0; ci < Ci; ci += 4) {
    for (int co = 0; co < Co; co += 8) {
      float* cp = c + ci * Co + co;
      v128_t c00 = wasm_v128_load(cp), c01 = wasm_v128_load(cp + 4);
      v128_t c10 = wasm_v128_load(cp + Co), c11 = wasm_v128_load(cp + Co + 4);
      v128_t c20 = wasm_v128_load(cp + 2 * Co), c21 = wasm_v128_load(cp + 2 * Co + 4);
      v128_t c30 = wasm_v128_load(cp + 3 * Co), c31 = wasm_v128_load(cp + 3 * Co + 4);
      const float* ap = a + ci;
      const float* bp = b + co;
      for (int t = 0; t < rows; t++, ap += Ci, bp += Co) {
        const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
        v128_t s = wasm_v128_load32_splat(ap);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(s, b0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(s, b1));
        s = wasm_v128_load32_splat(ap + 1);
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(s, b0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(s, b1));
        s = wasm_v128_load32_splat(ap + 2);
        c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(s, b0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(s, b1));
        s = wasm_v128_load32_splat(ap + 3);
        c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(s, b0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(s, b1));
      }
      wasm_v128_store(cp, c00); wasm_v128_store(cp + 4, c01);
      wasm_v128_store(cp + Co, c10); wasm_v128_store(cp + Co + 4, c11);
      wasm_v128_store(cp + 2 * Co, c20); wasm_v128_store(cp + 2 * Co + 4, c21);
      wasm_v128_store(cp + 3 * Co, c30); wasm_v128_store(cp + 3 * Co + 4, c31);
    }
  }
}
