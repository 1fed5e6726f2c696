// The committed wasm kernels (src/ml/backend/wasm/native/*.wasm.ts) are what their C source builds
// to: `npm run build:wasm -- --check` rebuilds them with clang and compares. CI installs clang and
// lld for this (.ci/run); on a machine without them the check cannot run and says so.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function have(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const toolchain = have('clang') && have('wasm-ld');

describe('the native wasm kernels', () => {
  it.skipIf(!toolchain)('are built from the committed C source (npm run build:wasm -- --check)', () => {
    const r = spawnSync('node', ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
