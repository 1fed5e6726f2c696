// `pipe gc` while a `pipe pull` holds the project's lock is refused (exit 1, nothing removed),
// naming the pull: it would delete objects and temp files the pull is writing. The holder here
// is a process whose command line is a pipe pull's (`node …/pipe.js pull`) and whose pid the lock
// file holds, as a real pull's would: only its command line tells the refusal what it runs.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('gc refuses while a pull holds the lock, naming it', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo ${v} > a.txt\n    outs: [a.txt]\n', 'params.yaml': 'v: 1\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'params.yaml': 'v: 2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const objects = () => readdirSync(join(rig.dir, 'cache', 'objects')).length;
  const before = objects();
  // stopped with the rig's folder when the test ends (its command line names it)
  const pull = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', join(rig.dir, 'bin', 'pipe.js'), 'pull', '-r', '/somewhere'], { cwd: rig.dir, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 200));
  rig.write({ '.pipe/repro.lock': `${pull.pid}\n` });
  for (const args of [['gc', '-w', '-f'], ['gc', '-w', '-n']]) {
    const r = await rig.run(...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `error: ${rig.dir} is locked by pid ${pull.pid} (a \`pipe pull\` is running); try again when it is done\n`]);
  }
  expect(objects()).toBe(before);
  pull.kill('SIGKILL');
  await new Promise((r) => pull.on('close', r));
  // its lock, left behind by a dead process, is taken over
  const gc = await rig.run('gc', '-w', '-f');
  expect([gc.code, gc.stdout]).toEqual([0, 'Removed 1 cache object (2 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n']);
});
