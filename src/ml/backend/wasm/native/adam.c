// Adam's update of one variable (kernels/adam.ts) in one pass, in WebAssembly SIMD. tfjs's
// AdamOptimizer makes it of 15 elementwise ops per variable (each a kernel call, an output tensor
// and a pass over memory); this does the same float32 operations on each element, in the same
// order, so the results are the same to the bit:
//   m' = m·b1 + g·c1            v' = v·b2 + (g·g)·c2
//   w' = ((m'/omb1) / (sqrt(v'/omb2) + eps))·nlr + w
// with c1 = 1 − beta1, c2 = 1 − beta2 (rounded to float32 from doubles, as tfjs's scalars are),
// omb = 1 − beta^t and nlr = −learning rate. Every operation is an IEEE float32 one, in a SIMD
// lane or not; nothing is fused (WebAssembly SIMD has no fused multiply-add), so lanes, the scalar
// remainder and the JavaScript fallback (heap-tasks.ts: adamTask) agree. Built by
// `npm run build:wasm` into adam.wasm.ts.
#include <wasm_simd128.h>

// Elements [i0, i1) of w, m, v (read) and g into nw, nm, nv (written; may not alias the inputs'
// elements still to be read, and do not: the kernel allocates new outputs).
__attribute__((export_name("adam_update")))
void adam_update(const float* w, const float* m, const float* v, const float* g,
                 float* nw, float* nm, float* nv, int i0, int i1,
                 float b1, float c1, float b2, float c2, float omb1, float omb2, float eps, float nlr) {
  int i = i0;
  const v128_t B1 = wasm_f32x4_splat(b1), C1 = wasm_f32x4_splat(c1);
  const v128_t B2 = wasm_f32x4_splat(b2), C2 = wasm_f32x4_splat(c2);
  const v128_t O1 = wasm_f32x4_splat(omb1), O2 = wasm_f32x4_splat(omb2);
  const v128_t E = wasm_f32x4_splat(eps), L = wasm_f32x4_splat(nlr);
  for (; i + 4 <= i1; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), B1), wasm_f32x4_mul(gi, C1));
    const v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), B2), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), C2));
    const v128_t den = wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, O2)), E);
    const v128_t step = wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_div(mi, O1), den), L);
    wasm_v128_store(nm + i, mi);
    wasm_v128_store(nv + i, vi);
    wasm_v128_store(nw + i, wasm_f32x4_add(step, wasm_v128_load(w + i)));
  }
  for (; i < i1; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * c1;
    const float vi = v[i] * b2 + (gi * gi) * c2;
    const float den = __builtin_sqrtf(vi / omb2) + eps;
    nm[i] = mi;
    nv[i] = vi;
    nw[i] = ((mi / omb1) / den) * nlr + w[i];
  }
}
