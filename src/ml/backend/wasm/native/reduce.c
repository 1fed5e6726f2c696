// Column sums for Sum and Mean over leading axes (kernels/reduce_sum_mean.ts) in WebAssembly
// SIMD. Replaces a JavaScript loop (heap-tasks.ts: columnSumsTask) and gives its results to the
// bit: each column summed in doubles from +0, row by row, in order. Built by `npm run build:wasm`
// into reduce.wasm.ts.
#include <wasm_simd128.h>

static inline v128_t lo64(v128_t v) { return wasm_f64x2_promote_low_f32x4(v); }
static inline v128_t hi64(v128_t v) { return wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)); }

// out[c] = Σ over rows [r0, r1) of x[r][c] (x: [rows][C]), for every column c, in doubles.
// Eight columns at a time in the lanes of four float64x2 sums, the rest one at a time.
__attribute__((export_name("column_sums")))
void column_sums(const float* x, int C, int r0, int r1, double* out) {
  int c = 0;
  for (; c + 8 <= C; c += 8) {
    v128_t s0 = wasm_f64x2_splat(0.0), s1 = s0, s2 = s0, s3 = s0;
    for (int r = r0; r < r1; r++) {
      const v128_t a = wasm_v128_load(x + r * C + c), b = wasm_v128_load(x + r * C + c + 4);
      s0 = wasm_f64x2_add(s0, lo64(a)); s1 = wasm_f64x2_add(s1, hi64(a));
      s2 = wasm_f64x2_add(s2, lo64(b)); s3 = wasm_f64x2_add(s3, hi64(b));
    }
    wasm_v128_store(out + c, s0); wasm_v128_store(out + c + 2, s1);
    wasm_v128_store(out + c + 4, s2); wasm_v128_store(out + c + 6, s3);
  }
  for (; c < C; c++) {
    double s = 0.0;
    for (int r = r0; r < r1; r++) s += x[r * C + c];
    out[c] = s;
  }
}
