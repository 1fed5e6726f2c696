// Bundles the CLI (src/cli/main.ts and everything it imports, dependencies included) into
// dist/bundle/, so a warm no-op `pipe status` loads a few files instead of hundreds of modules:
// about 50 ms less start-up on the 2-core dev machine. Dynamic imports stay separate chunks, so
// the plots and experiments code is still only loaded by the commands that use it. Packages
// with native or heavy code (TensorFlow.js, resvg, vega) are never bundled, nor is the AWS SDK
// (loaded from node_modules only by an s3:// remote, src/remote/s3-adapter.ts).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { parseScriptArgs } from './script-args.mjs';

// Part of `npm run build` (after tsc), so `npm run build -- ARGS` hands ARGS to this script.
const USAGE = 'usage: npm run build (no arguments: compiles src/ into dist/, then bundles the CLI into dist/bundle/)';
parseScriptArgs({ name: 'build', usage: USAGE });

// Chunk names carry content hashes: start empty, or every build leaves its old chunks behind.
rmSync('dist/bundle', { recursive: true, force: true });

// The YAML parser as one CommonJS file that src/stores/yaml-lib.ts loads on first use (a warm
// no-op run never needs it), rather than a chunk every command imports at start-up.
await build({
  entryPoints: [createRequire(import.meta.url).resolve('yaml')],
  outfile: 'dist/bundle/yaml.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});

// The gitignore matcher (`ignore`) likewise, loaded by src/stores/ignore-adapter.ts only in a
// project that has a .pipeignore, by the CLI and by the scan worker alike.
await build({
  entryPoints: [createRequire(import.meta.url).resolve('ignore')],
  outfile: 'dist/bundle/ignore.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});

// The glob matcher (`picomatch`) likewise, loaded by src/engine/glob-adapter.ts only when a
// command is given --glob.
await build({
  entryPoints: [createRequire(import.meta.url).resolve('picomatch/posix')],
  outfile: 'dist/bundle/picomatch.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});

await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['@tensorflow/*', '@resvg/*', 'vega', 'vega-lite', '@aws-sdk/*'],
  // CommonJS dependencies bundled into ESM call require(): give them one.
  banner: { js: "import { createRequire as __pipeRequire } from 'node:module'; const require = __pipeRequire(import.meta.url);" },
  define: {
    PIPE_YAML_BUNDLE: JSON.stringify('./yaml.cjs'),
    PIPE_IGNORE_BUNDLE: JSON.stringify('./ignore.cjs'),
    PIPE_PICOMATCH_BUNDLE: JSON.stringify('./picomatch.cjs'),
    PIPE_DOCTOR_BUNDLE: JSON.stringify('./doctor.js'),
    PIPE_DOCTOR_BENCH_BUNDLE: JSON.stringify('./doctor-bench.js'),
  },
  logLevel: 'warning',
});

// `pipe doctor` (src/cli/doctor-entry.ts) and its --bench (src/doctor/bench.ts, which loads the
// training code's backend selection): files of their own, loaded by src/cli/commands/doctor.ts
// only when doctor runs. Chunks of the bundle above would share modules with `pipe status`, and
// esbuild would split the chunks a no-op status loads into more files; these repeat those modules.
for (const [entry, outfile] of [['src/cli/doctor-entry.ts', 'dist/bundle/doctor.js'], ['src/doctor/bench.ts', 'dist/bundle/doctor-bench.js']]) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@tensorflow/*', '@resvg/*', 'vega', 'vega-lite', '@aws-sdk/*'],
    banner: { js: "import { createRequire as __pipeRequire } from 'node:module'; const require = __pipeRequire(import.meta.url);" },
    define: { PIPE_YAML_BUNDLE: JSON.stringify('./yaml.cjs'), PIPE_IGNORE_BUNDLE: JSON.stringify('./ignore.cjs'), PIPE_PICOMATCH_BUNDLE: JSON.stringify('./picomatch.cjs') },
    logLevel: 'warning',
  });
}

// The directory-walk worker (src/stores/scan-pool.ts starts it from `./scan-worker.js` next to
// the chunk that holds the pool): its own small file, loaded only by the worker thread.
await build({
  entryPoints: ['src/stores/scan-worker.ts'],
  outfile: 'dist/bundle/scan-worker.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  define: { PIPE_IGNORE_BUNDLE: JSON.stringify('./ignore.cjs') },
  logLevel: 'warning',
});


// The folder watcher (src/stores/watch-client.ts starts it, detached, from `./watch-daemon.js`
// next to the chunk that holds the client): a process of its own, so a file of its own.
await build({
  entryPoints: ['src/stores/watch-daemon.ts'],
  outfile: 'dist/bundle/watch-daemon.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
