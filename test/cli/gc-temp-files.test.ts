// `.tmp-*` files a killed `pipe repro` or `pipe pull` left in cache/objects: `pipe gc -n` counts
// those it would remove and `pipe gc` says it removed them; one whose writer (the pid in its name)
// still runs is being written, and is left alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('gc counts and removes the temp files of dead writers, never a live one', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const dead = spawnSync('true').pid;
  // a writer still running: a process started in the rig's folder (stopped with it)
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { cwd: rig.dir, stdio: 'ignore' });
  rig.write({
    [`cache/objects/.tmp-ingest-${dead}-0badc0de`]: 'half a copy',
    [`cache/objects/ab/.tmp-cdef-${dead}-12345678`]: 'half a pull',
    [`cache/objects/.tmp-ingest-${live.pid}-0123abcd`]: 'being written',
  });
  const dry = await rig.run('gc', '-n');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, 'Would remove 0 cache objects (0 B), 0 run-cache entries and 2 temp files left by interrupted writes; 1 object would be kept (pipeline.lock and 1 experiment).\n', '']);
  expect(rig.exists(`cache/objects/.tmp-ingest-${dead}-0badc0de`)).toBe(true);
  const gc = await rig.run('gc', '-f');
  expect([gc.code, gc.stdout, gc.stderr]).toEqual([0, 'Removed 0 cache objects (0 B), 0 run-cache entries and 2 temp files left by interrupted writes; 1 object kept (pipeline.lock and 1 experiment).\n', '']);
  expect([rig.exists(`cache/objects/.tmp-ingest-${dead}-0badc0de`), rig.exists(`cache/objects/ab/.tmp-cdef-${dead}-12345678`), existsSync(join(rig.dir, `cache/objects/.tmp-ingest-${live.pid}-0123abcd`))]).toEqual([false, false, true]);
  live.kill('SIGKILL');
});
