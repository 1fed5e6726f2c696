// A run removes its outputs first; content there that neither pipeline.lock nor the cache records
// (a path that existed before the stage first ran, files added by hand to an output folder) is
// moved to .pipe/kept/<time>-<stage>/ instead of deleted, with a warning saying where and how to
// get it back; `pipe status` names it beforehand. Outputs as recorded are removed as before.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

const pipeline = (word: string) => `stages:\n  build:\n    cmd: ${counted('build', `mkdir -p src && echo ${word} > src/out.bin`)}\n    outs: [src]\n`;
const kept = (rig: Rig): string[] => (rig.exists('.pipe/kept') ? readdirSync(join(rig.dir, '.pipe/kept')).sort() : []);

test('an output folder that existed before the stage first ran is moved aside, not deleted', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline('built'), 'src/train.py': "print('precious')\n" });
  const status = await rig.run('status');
  expect([status.code, status.stdout]).toEqual([0, "build: would run (never ran, out 'src' holds content neither pipeline.lock nor the cache records: the run moves it to .pipe/kept/)\n1 would run.\n"]);
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  const [folder, ...more] = kept(rig);
  expect(more).toEqual([]);
  expect(folder).toMatch(/^\d{8}-\d{6}-build$/);
  expect(r.stderr).toBe(
    `warning: build: 'src' held 1 file neither pipeline.lock nor the cache records (src/train.py): moved to .pipe/kept/${folder}/src before the run instead of deleting it; copy back what you need (\`cp .pipe/kept/${folder}/src/train.py src/train.py\`), then delete .pipe/kept/${folder}\n`,
  );
  expect(rig.read(`.pipe/kept/${folder}/src/train.py`)).toBe("print('precious')\n");
  expect(rig.read('src/out.bin')).toBe('built\n');
  expect(rig.exists('src/train.py')).toBe(false);
});

test('files added by hand to an output folder are kept when the stage reruns; recorded outputs are not', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline('one') });
  expect((await rig.run('repro')).code).toBe(0);
  // a rerun over the recorded output: removed as always, nothing kept
  rig.write({ 'pipeline.yaml': pipeline('two') });
  const plain = await rig.run('repro');
  expect([plain.code, plain.stderr]).toEqual([0, '']);
  expect(kept(rig)).toEqual([]);
  rig.write({ 'src/notes.txt': 'my notes\n', 'pipeline.yaml': pipeline('three') });
  const status = await rig.run('status');
  expect(status.stdout).toBe("build: would run (cmd changed, out 'src' holds content neither pipeline.lock nor the cache records: the run moves it to .pipe/kept/)\n1 would run.\n");
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  const [folder] = kept(rig);
  expect(r.stderr).toContain(`warning: build: 'src' held 1 file neither pipeline.lock nor the cache records (src/notes.txt): moved to .pipe/kept/${folder}/src`);
  expect(rig.read(`.pipe/kept/${folder}/src/notes.txt`)).toBe('my notes\n');
  expect(rig.read('src/out.bin')).toBe('three\n');
  expect(rig.count('build')).toBe(3);
});

test('a file output that existed before, and a persist output, which is never removed', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  m:\n    cmd: ${counted('m', 'echo new > m.txt && echo more >> log.txt')}\n    outs: [m.txt, {log.txt: {persist: true}}]\n`,
    'm.txt': 'by hand\n',
    'log.txt': 'old\n',
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  const [folder] = kept(rig);
  expect(r.stderr).toBe(
    `warning: m: 'm.txt' held 1 file neither pipeline.lock nor the cache records (m.txt): moved to .pipe/kept/${folder}/m.txt before the run instead of deleting it; copy back what you need (\`cp .pipe/kept/${folder}/m.txt m.txt\`), then delete .pipe/kept/${folder}\n`,
  );
  expect(rig.read(`.pipe/kept/${folder}/m.txt`)).toBe('by hand\n');
  expect(rig.read('log.txt')).toBe('old\nmore\n');
  expect(rig.exists(`.pipe/kept/${folder}/log.txt`)).toBe(false);
});

test("what a failed run of the stage left in its output is removed by the next run, not kept", async () => {
  const rig = makeRig({ 'pipeline.yaml': `stages:\n  f:\n    cmd: ${counted('f', 'mkdir -p o && echo part > o/p && test -e ok')}\n    outs: [o]\n` });
  expect((await rig.run('repro')).code).toBe(1);
  expect((await rig.run('repro')).code).toBe(1);
  expect(kept(rig)).toEqual([]);
  rig.write({ ok: '' });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(kept(rig)).toEqual([]);
  expect(rig.count('f')).toBe(3);
});
