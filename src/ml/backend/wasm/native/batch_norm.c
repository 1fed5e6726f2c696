// The batch-norm gradient's two passes (kernels/batch_norm_grad.ts) in WebAssembly SIMD. They
// replace JavaScript loops (heap-tasks.ts: batchNormSumsTask, scaleChannelsTask) and must give
// their results to the bit: the same IEEE operations on each value, in the same order per channel.
// Built by `npm run build:wasm` into batch-norm.wasm.ts.
#include <wasm_simd128.h>

// Two float32 lanes (lo: 0-1, hi: 2-3) of v as float64x2.
static inline v128_t lo64(v128_t v) { return wasm_f64x2_promote_low_f32x4(v); }
static inline v128_t hi64(v128_t v) { return wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)); }

// For rows [r0, r1) of x and dy ([rows][C]): per channel c, in doubles, starting from +0 and
// adding row by row, s[c] = Σ dy and p[c] = Σ dy·(x − mean[c]), written to out[c] and out[C + c].
// Channels go eight at a time (lanes of four float64x2 sums each), the rest one at a time; a
// channel's sums are the same either way, since each lane adds its own channel's terms in order.
__attribute__((export_name("batch_norm_sums")))
void batch_norm_sums(const float* x, const float* dy, const float* mean, int C, int r0, int r1, double* out) {
  int c = 0;
  for (; c + 8 <= C; c += 8) {
    const v128_t ma = wasm_v128_load(mean + c), mb = wasm_v128_load(mean + c + 4);
    const v128_t m0 = lo64(ma), m1 = hi64(ma), m2 = lo64(mb), m3 = hi64(mb);
    v128_t s0 = wasm_f64x2_splat(0.0), s1 = s0, s2 = s0, s3 = s0;
    v128_t p0 = s0, p1 = s0, p2 = s0, p3 = s0;
    for (int r = r0; r < r1; r++) {
      const int i = r * C + c;
      const v128_t da = wasm_v128_load(dy + i), db = wasm_v128_load(dy + i + 4);
      const v128_t xa = wasm_v128_load(x + i), xb = wasm_v128_load(x + i + 4);
      const v128_t d0 = lo64(da), d1 = hi64(da), d2 = lo64(db), d3 = hi64(db);
      s0 = wasm_f64x2_add(s0, d0); s1 = wasm_f64x2_add(s1, d1);
      s2 = wasm_f64x2_add(s2, d2); s3 = wasm_f64x2_add(s3, d3);
      p0 = wasm_f64x2_add(p0, wasm_f64x2_mul(d0, wasm_f64x2_sub(lo64(xa), m0)));
      p1 = wasm_f64x2_add(p1, wasm_f64x2_mul(d1, wasm_f64x2_sub(hi64(xa), m1)));
      p2 = wasm_f64x2_add(p2, wasm_f64x2_mul(d2, wasm_f64x2_sub(lo64(xb), m2)));
      p3 = wasm_f64x2_add(p3, wasm_f64x2_mul(d3, wasm_f64x2_sub(hi64(xb), m3)));
    }
    wasm_v128_store(out + c, s0); wasm_v128_store(out + c + 2, s1);
    wasm_v128_store(out + c + 4, s2); wasm_v128_store(out + c + 6, s3);
    wasm_v128_store(out + C + c, p0); wasm_v128_store(out + C + c + 2, p1);
    wasm_v128_store(out + C + c + 4, p2); wasm_v128_store(out + C + c + 6, p3);
  }
  for (; c < C; c++) {
    const double m = mean[c];
    double s = 0.0, p = 0.0;
    for (int r = r0; r < r1; r++) {
      const double d = dy[r * C + c];
      s += d;
      p += d * ((double)x[r * C + c] - m);
    }
    out[c] = s;
    out[C + c] = p;
  }
}

// dx = dy · gain[c] in float32 for rows [r0, r1) of [rows][C] (JavaScript computed the product
// of the two float32 values exactly in a double and rounded it once to float32: the same value).
__attribute__((export_name("scale_channels")))
void scale_channels(const float* dy, float* dx, const float* gain, int C, int r0, int r1) {
  for (int r = r0; r < r1; r++) {
    const float* d = dy + r * C;
    float* o = dx + r * C;
    int c = 0;
    for (; c + 4 <= C; c += 4) wasm_v128_store(o + c, wasm_f32x4_mul(wasm_v128_load(d + c), wasm_v128_load(gain + c)));
    for (; c < C; c++) o[c] = d[c] * gain[c];
  }
}

// Batch norm applied (kernels/fused_batch_norm.ts): y = x·g[c] + b[c] for rows [r0, r1) of
// [rows][C], in doubles, rounded once to float32, as the JavaScript loop it replaces
// (heap-tasks.ts: normalizeChannelsTask) computed each value. g and b: C doubles each.
__attribute__((export_name("normalize_channels")))
void normalize_channels(const float* x, float* y, const double* g, const double* b, int C, int r0, int r1) {
  for (int r = r0; r < r1; r++) {
    const float* xr = x + r * C;
    float* yr = y + r * C;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      const v128_t v = wasm_v128_load(xr + c);
      const v128_t lo = wasm_f64x2_add(wasm_f64x2_mul(lo64(v), wasm_v128_load(g + c)), wasm_v128_load(b + c));
      const v128_t hi = wasm_f64x2_add(wasm_f64x2_mul(hi64(v), wasm_v128_load(g + c + 2)), wasm_v128_load(b + c + 2));
      const v128_t f = wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
      wasm_v128_store(yr + c, f);
    }
    for (; c < C; c++) yr[c] = (float)((double)xr[c] * g[c] + b[c]);
  }
}
