// col2im for the input gradient of a convolution with few input channels
// (kernels/conv2d_backprop_input.ts: viaGemmAndCol2im): each output pixel's row of the product
// dy·Wᵀ is added into the input patch it came from. It replaces a JavaScript loop on one thread
// and gives its results to the bit: the same float32 additions in the same order per dx value
// (the loop computed each in a double and rounded it once: the same value, as 53 ≥ 2·24 + 2
// bits). Built by `npm run build:wasm` into col2im.wasm.ts.

// dx for images [n0, n1), zeroed first. cols: [N·Ho·Wo][fh·fw·Ci], dx: [N][H][W][Ci].
__attribute__((export_name("col2im")))
void col2im(const float* cols, float* dx, int n0, int n1, int H, int W, int Ci, int Ho, int Wo,
            int fh, int fw, int sh, int sw, int top, int left) {
  const int k = fh * fw * Ci, image = H * W * Ci;
  for (int i = n0 * image; i < n1 * image; i++) dx[i] = 0.0f;
  for (int n = n0; n < n1; n++) {
    const float* row = cols + (n * Ho * Wo) * k;
    for (int i = 0; i < Ho; i++) {
      for (int j = 0; j < Wo; j++, row += k) {
        for (int a = 0; a < fh; a++) {
          const int y = i * sh - top + a;
          if (y < 0 || y >= H) continue;
          for (int b = 0; b < fw; b++) {
            const int x = j * sw - left + b;
            if (x < 0 || x >= W) continue;
            float* o = dx + ((n * H + y) * W + x) * Ci;
            const float* c0 = row + (a * fw + b) * Ci;
            for (int c = 0; c < Ci; c++) o[c] = o[c] + c0[c];
          }
        }
      }
    }
  }
}
