// `pipe gc` deletes for good, so it asks: in a terminal it shows what it would remove and removes
// only on `y`; with no terminal (CI, a script) it refuses, exit 2, naming -f; -n needs neither.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, PIPE_BIN, type Rig } from '../rig.js';

const objects = (rig: Rig) => readdirSync(join(rig.dir, 'cache/objects'), { recursive: true }).map(String).sort();

async function twoRuns(): Promise<Rig> {
  const rig = makeRig({
    'in.txt': 'one\n',
    'pipeline.yaml': `stages:\n  up:\n    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}\n    deps: [in.txt]\n    outs: [out.txt]\n`,
  });
  await rig.run('repro');
  rig.write({ 'in.txt': 'two!\n' });
  await rig.run('repro');
  return rig;
}

/** `pipe gc -w` under a pseudo-terminal (util-linux `script`), answering `answer`. */
function inTerminal(rig: Rig, answer: string): string {
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(PIPE_BIN)} gc -w`, '/dev/null'], { cwd: rig.dir, input: `${answer}\n`, encoding: 'utf8' });
  expect(r.status).toBe(0);
  // the terminal's echo and cursor codes aside
  return r.stdout.replace(/\r/g, '').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

test('without a terminal gc refuses unless -f; -n needs no -f', async () => {
  const rig = await twoRuns();
  const before = objects(rig);
  const r = await rig.run('gc', '-w');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'error: `pipe gc` deletes cache objects for good and asks first, but there is no terminal to ask in; nothing was removed\n' +
      'hint: add -f (--force) to remove without asking: `pipe gc -w -f`; add -n (--dry-run) to see what it would remove\n',
  ]);
  expect(objects(rig)).toEqual(before);
  const dry = await rig.run('gc', '-w', '-n');
  expect([dry.code, dry.stdout]).toEqual([0, 'Would remove 1 cache object (4 B) and 1 run-cache entry; 1 object would be kept (pipeline.lock only).\n']);
  const forced = await rig.run('gc', '-w', '-f');
  expect([forced.code, forced.stdout]).toEqual([0, 'Removed 1 cache object (4 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n']);
});

test('in a terminal gc shows what it would remove and asks; n keeps it, y removes it', async () => {
  execFileSync('script', ['--version']); // util-linux's script is needed for a terminal
  const rig = await twoRuns();
  const before = objects(rig);
  const no = inTerminal(rig, 'n');
  expect(no).toContain('Would remove 1 cache object (4 B) and 1 run-cache entry; 1 object would be kept (pipeline.lock only).\nRemove them? [y/N] ');
  expect(no).toContain('Nothing was removed.\n');
  expect(objects(rig)).toEqual(before);
  const yes = inTerminal(rig, 'y');
  expect(yes).toContain('Remove them? [y/N] ');
  expect(yes).toContain('Removed 1 cache object (4 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n');
  expect(objects(rig).length).toBeLessThan(before.length);
});

test('in a terminal with nothing to remove gc asks nothing and says once that it removed nothing', async () => {
  execFileSync('script', ['--version']);
  const rig = await twoRuns();
  await rig.run('gc', '-w', '-f');
  const again = inTerminal(rig, 'y');
  expect(again).not.toContain('Would remove');
  expect(again).not.toContain('Remove them?');
  expect(again).toContain('Removed 0 cache objects (0 B) and 0 run-cache entries; 1 object kept (pipeline.lock only).\n');
});
