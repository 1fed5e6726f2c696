// The committed wasm kernels (src/ml/backend/wasm/native/*.wasm.ts) are what their C source builds
// to: `npm run build:wasm -- --check` rebuilds them with clang and compares. CI installs clang and
// lld for this (.ci/run); on a machine without them the check cannot run and says so.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTimeLeftMs } from '../processes.js';

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
    const r = spawnSync('node', ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8', timeout: testTimeLeftMs() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const kernels = readdirSync('src/ml/backend/wasm/native').filter((f) => f.endsWith('.c')).length;
    expect(r.stdout).toBe(`${kernels} kernels in src/ml/backend/wasm/native: the committed .wasm.ts binaries (plain and shared) are what their C source builds to\n`);
  });
});

describe('npm run build:wasm', () => {
  it.skipIf(!toolchain)('refuses a kernel that would use a stack in the backend heap, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-native-'));
    try {
      // An array indexed by a run-time value cannot stay in registers: clang puts it on the stack.
      writeFileSync(join(dir, 'stacky.c'), 'int pick(int i) { volatile int a[8] = {1, 2, 3, 4, 5, 6, 7, 8}; return a[i]; }\n');
      const r = spawnSync('node', ['scripts/build-wasm.mjs', '--check', '--dir', dir], { encoding: 'utf8', timeout: testTimeLeftMs() });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${join(dir, 'stacky.c')} uses a linear-memory stack (__stack_pointer)`);
      expect(readdirSync(dir)).toEqual(['stacky.c']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
