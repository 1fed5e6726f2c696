// Bundles the CLI (src/cli/main.ts and everything it imports, dependencies included) into
// dist/bundle/, so a warm no-op `pipe status` loads a few files instead of hundreds of modules:
// about 50 ms less start-up on the 2-core dev machine. Dynamic imports stay separate chunks, so
// the plots and experiments code is still only loaded by the commands that use it. Packages
// with native or heavy code (TensorFlow.js, resvg, vega) are never bundled.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['@tensorflow/*', '@resvg/*', 'vega', 'vega-lite'],
  // CommonJS dependencies bundled into ESM call require(): give them one.
  banner: { js: "import { createRequire as __pipeRequire } from 'node:module'; const require = __pipeRequire(import.meta.url);" },
  logLevel: 'warning',
});
