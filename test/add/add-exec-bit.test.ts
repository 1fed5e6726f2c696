// `pipe add` of an executable file records `isexec: true` in its .pipe file (a plain file's stays
// byte for byte as before), and `pipe checkout` puts it back executable; a chmod alone is
// recorded by `pipe add` again. A folder's executable files are marked in its manifest.
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, type Rig } from '../rig.js';
import { NO_STAGES, sha256, trackingText } from './helpers.js';

const TOOL = '#!/bin/sh\necho tool\n';
const isExec = (rig: Rig, p: string): boolean => (statSync(join(rig.dir, p)).mode & 0o100) !== 0;

test('an added executable file comes back executable from checkout', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'tools/run.sh': TOOL, 'tools/kit/go': TOOL, 'tools/kit/readme': 'r\n', 'notes.txt': 'n\n' });
  chmodSync(join(rig.dir, 'tools/run.sh'), 0o755);
  chmodSync(join(rig.dir, 'tools/kit/go'), 0o755);
  const added = await rig.run('add', 'tools/run.sh', 'tools/kit', 'notes.txt');
  expect([added.code, added.stderr]).toEqual([0, '']);
  expect(rig.read('tools/run.sh.pipe')).toBe(`${trackingText('run.sh', sha256(TOOL), 20, 1)}    isexec: true\n`);
  expect(rig.read('notes.txt.pipe')).toBe(trackingText('notes.txt', sha256('n\n'), 2, 1));
  const manifest = `[{"hash":"${sha256(TOOL)}","isexec":true,"relpath":"go"},{"hash":"${sha256('r\n')}","relpath":"readme"}]`;
  expect(rig.read('tools/kit.pipe')).toBe(trackingText('kit', `${sha256(manifest)}.dir`, 22, 2));

  rig.remove('tools');
  rig.write({ 'tools/run.sh.pipe': `${trackingText('run.sh', sha256(TOOL), 20, 1)}    isexec: true\n`, 'tools/kit.pipe': trackingText('kit', `${sha256(manifest)}.dir`, 22, 2) });
  const r = await rig.run('checkout', 'tools/run.sh', 'tools/kit');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe('tools/run.sh.pipe: tools/run.sh: restored from cache\ntools/kit.pipe: tools/kit: restored from cache\n2 outputs restored.\n');
  expect([isExec(rig, 'tools/run.sh'), isExec(rig, 'tools/kit/go'), isExec(rig, 'tools/kit/readme')]).toEqual([true, true, false]);
  expect((await rig.run('status')).stdout).toBe('other: would run (never ran)\n1 would run.\n');

  // the bit taken away by hand: status names it, and add records the file as it now is
  chmodSync(join(rig.dir, 'tools/run.sh'), 0o644);
  expect((await rig.run('status')).stdout).toBe(
    'tools/run.sh: modified (differs from tools/run.sh.pipe): `pipe add tools/run.sh` records the change, `pipe checkout tools/run.sh` restores what tools/run.sh.pipe records\nother: would run (never ran)\n1 tracked path changed, 1 would run.\n',
  );
  const again = await rig.run('add', 'tools/run.sh');
  expect([again.code, again.stdout]).toEqual([0, 'updated tools/run.sh (20 B): commit tools/run.sh.pipe\n']);
  expect(rig.read('tools/run.sh.pipe')).toBe(trackingText('run.sh', sha256(TOOL), 20, 1));
});
