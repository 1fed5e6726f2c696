// doctor's probe (src/doctor/backends.ts) answers selectBackend's question without starting a
// backend, so it repeats select.ts's choices and order: these checks fail when select.ts changes
// and the probe does not follow.
import { expect, test } from 'vitest';
import { AUTO_ORDER, BACKEND_CHOICES, NATIVE_PACKAGES } from '../../src/doctor/backends.js';
import { BACKEND_CHOICES as SELECT_CHOICES, selectBackend } from '../../src/ml/backend/select.js';

test('the same train.backend values, and auto tries the native packages in the same order', async () => {
  expect([...BACKEND_CHOICES]).toEqual([...SELECT_CHOICES]);
  const tried: string[] = [];
  // every native package missing: auto then goes on to wasm, which it starts (one thread)
  const r = await selectBackend({
    choice: 'auto',
    threads: 1,
    importer: async (spec) => {
      tried.push(spec);
      throw Object.assign(new Error(`Cannot find package '${spec}'`), { code: 'ERR_MODULE_NOT_FOUND' });
    },
  });
  expect(tried).toEqual(NATIVE_PACKAGES.map((p) => p.name));
  expect(AUTO_ORDER.slice(0, 2)).toEqual(NATIVE_PACKAGES.map((p) => p.backend));
  expect(r.ok && r.info.choice).toBe(AUTO_ORDER[2]);
  expect(r.ok && r.info.notes).toEqual(NATIVE_PACKAGES.map((p) => `${p.backend}: ${p.name} is not installed`));
});
