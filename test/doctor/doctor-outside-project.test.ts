// `pipe doctor` outside any project still reports pipe, the machine and the backends (train's
// defaults: auto, one thread per core), says there is no project here, and exits 0.
import os from 'node:os';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { doctorReport } from './helpers.js';

test('outside a project: no project, train settings from the defaults, exit 0', async () => {
  const rig = makeRig({ 'notes.txt': 'no pipeline here\n' });
  const text = await rig.run('doctor');
  expect(text.code).toBe(0);
  expect(text.stderr).toBe('');
  expect(text.stdout).toMatch(/^pipe \d+\.\d+\.\d+\nNode v\d+/);
  expect(text.stdout).toContain(`Node ${process.version} on ${process.platform} ${process.arch}\n`);
  expect(text.stdout).toContain(`, ${os.availableParallelism()} core${os.availableParallelism() === 1 ? '' : 's'} available\n`);
  expect(text.stdout).toContain('(train.backend: auto, train.threads: 0 (one per core)');
  expect(text.stdout).toContain('; from defaults (outside a project))\n');
  expect(text.stdout.endsWith('Project: none here (no pipeline.yaml in this folder or any folder above it; `pipe init` makes one)\n')).toBe(true);

  const report = await doctorReport(rig);
  expect(report.project).toBeNull();
  expect(report.backends.train).toMatchObject({ setting: 'auto', threadsSetting: 0, from: 'defaults (outside a project)', problem: null });
  expect(report.system).toMatchObject({ node: process.version, platform: process.platform, arch: process.arch, cores: os.availableParallelism() });
  expect(report.system.memory.total).toBe(os.totalmem());
});
