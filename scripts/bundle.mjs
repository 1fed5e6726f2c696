// Bundles the CLI (src/cli/main.ts and everything it imports, dependencies included) into
// dist/bundle/, so a warm no-op `pipe status` loads a few files instead of hundreds of modules:
// about 50 ms less start-up on the 2-core dev machine. Dynamic imports stay separate chunks, so
// the plots and experiments code is still only loaded by the commands that use it. Packages
// with native or heavy code (TensorFlow.js, resvg, vega) are never bundled, nor are the AWS SDK
// (loaded from node_modules only by an s3:// remote, src/remote/s3-adapter.ts) and ssh2 (only by
// an ssh:// remote, src/remote/ssh-adapter.ts; it requires its optional native addons at run time)
// and the Google Cloud Storage SDK (only by a gs:// remote, src/remote/gcs-adapter.ts).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { parseScriptArgs } from './script-args.mjs';

// Part of `npm run build` (after tsc), so `npm run build -- ARGS` hands ARGS to this script.
const USAGE = 'usage: npm run build (no arguments: compiles src/ into dist/, then bundles the CLI into dist/bundle/)';
parseScriptArgs({ name: 'build', usage: USAGE });

// Chunk names carry content hashes: start empty, or every build leaves its old chunks behind.
rmSync('dist/bundle', { recursive: true, force: true });

// What every bundle below shares: Node 20, dependencies included, warnings only.
const NODE = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };
// Packages with native or heavy code, the AWS, Azure and Google Cloud SDKs and ssh2: loaded from node_modules, never bundled.
const EXTERNAL = ['@tensorflow/*', '@resvg/*', 'vega', 'vega-lite', '@aws-sdk/*', '@azure/*', '@google-cloud/*', 'ssh2'];
// CommonJS dependencies bundled into ESM call require(): give them one.
const REQUIRE_BANNER = { js: "import { createRequire as __pipeRequire } from 'node:module'; const require = __pipeRequire(import.meta.url);" };
// Where the adapters find the CommonJS bundles, next to the chunk that loads them.
const CJS_BUNDLES = {
  PIPE_YAML_BUNDLE: JSON.stringify('./yaml.cjs'),
  PIPE_IGNORE_BUNDLE: JSON.stringify('./ignore.cjs'),
  PIPE_PICOMATCH_BUNDLE: JSON.stringify('./picomatch.cjs'),
};

/** A package as one CommonJS file, loaded by its adapter on first use, not at start-up. */
async function cjsBundle(entry, outfile) {
  await build({ ...NODE, entryPoints: [createRequire(import.meta.url).resolve(entry)], outfile, format: 'cjs' });
}

// The YAML parser (src/stores/yaml-lib.ts; a warm no-op run never needs it); the gitignore
// matcher `ignore` (src/stores/ignore-adapter.ts, only in a project that has a .pipeignore, by
// the CLI and by the scan worker alike); the glob matcher `picomatch` (src/engine/glob-adapter.ts,
// only when a command is given --glob).
await cjsBundle('yaml', 'dist/bundle/yaml.cjs');
await cjsBundle('ignore', 'dist/bundle/ignore.cjs');
await cjsBundle('picomatch/posix', 'dist/bundle/picomatch.cjs');

await build({
  ...NODE,
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/bundle',
  splitting: true,
  format: 'esm',
  sourcemap: true,
  external: EXTERNAL,
  banner: REQUIRE_BANNER,
  define: {
    ...CJS_BUNDLES,
    PIPE_DOCTOR_BUNDLE: JSON.stringify('./doctor.js'),
    PIPE_DOCTOR_BENCH_BUNDLE: JSON.stringify('./doctor-bench.js'),
    PIPE_DIFF_BUNDLE: JSON.stringify('./diff.js'),
  },
});

// `pipe doctor` (src/cli/doctor-entry.ts) and its --bench (src/doctor/bench.ts, which loads the
// training code's backend selection): files of their own, loaded by src/cli/commands/doctor.ts
// only when doctor runs. Chunks of the bundle above would share modules with `pipe status`, and
// esbuild would split the chunks a no-op status loads into more files; these repeat those modules.
// `pipe diff` (src/cli/diff-entry.ts) likewise, loaded by src/cli/commands/diff.ts.
for (const [entry, outfile] of [
  ['src/cli/doctor-entry.ts', 'dist/bundle/doctor.js'],
  ['src/doctor/bench.ts', 'dist/bundle/doctor-bench.js'],
  ['src/cli/diff-entry.ts', 'dist/bundle/diff.js'],
]) {
  await build({ ...NODE, entryPoints: [entry], outfile, format: 'esm', external: EXTERNAL, banner: REQUIRE_BANNER, define: CJS_BUNDLES });
}

// The directory-walk worker (src/stores/scan-pool.ts starts it from `./scan-worker.js` next to
// the chunk that holds the pool): its own small file, loaded only by the worker thread.
await build({ ...NODE, entryPoints: ['src/stores/scan-worker.ts'], outfile: 'dist/bundle/scan-worker.js', format: 'esm', define: { PIPE_IGNORE_BUNDLE: CJS_BUNDLES.PIPE_IGNORE_BUNDLE } });

// The folder watcher (src/stores/watch-client.ts starts it, detached, from `./watch-daemon.js`
// next to the chunk that holds the client): a process of its own, so a file of its own.
await build({ ...NODE, entryPoints: ['src/stores/watch-daemon.ts'], outfile: 'dist/bundle/watch-daemon.js', format: 'esm' });
