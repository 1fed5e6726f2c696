// An output folder holding content nothing records, made read-only: the run still moves it to
// .pipe/kept/ (a folder moved to another parent needs its own write bit, which pipe adds), rather
// than failing the stage or deleting it. Run as an ordinary user: root ignores permissions
// (test/as-user.ts).
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { handToUser, runAsUser, userRunUnavailable } from '../as-user.js';

const why = userRunUnavailable();

test.skipIf(why !== undefined)(`a read-only output folder made by hand is moved aside${why ? ` (skipped: ${why})` : ''}`, async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: mkdir -p o && echo new > o/x\n    outs: [o]\n', 'o/mine.txt': 'mine\n' });
  handToUser(rig);
  chmodSync(join(rig.dir, 'o'), 0o555);
  const r = await runAsUser(rig, ['repro']);
  expect([r.code, r.stdout.split('\n')[0], r.stderr.split(':')[0]]).toEqual([0, "a: running (never ran, out 'o' holds content neither pipeline.lock nor the cache records: the run moves it to .pipe/kept/)", 'warning']);
  const [folder] = readdirSync(join(rig.dir, '.pipe/kept'));
  expect(rig.read(`.pipe/kept/${folder}/o/mine.txt`)).toBe('mine\n');
  expect(rig.read('o/x')).toBe('new\n');
});
