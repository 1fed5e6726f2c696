// A dep outside the project (the data a pipeline reads from elsewhere, as DVC's external deps):
// hashed like any dep, so a file added, edited or removed there reruns the stage; never cached,
// pushed or written; a clone with the same data outside restores the stage from the cache.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a stage reruns when a file changes in a data folder outside the project', async () => {
  const rig = makeRig();
  // the rig's project is a temp folder; the data goes in a folder beside it
  const data = `${rig.dir}-data`;
  mkdirSync(join(data, 'train'), { recursive: true });
  writeFileSync(join(data, 'train', 'a.txt'), '1\n');
  const note = `${rig.dir}-note.txt`;
  writeFileSync(note, 'n\n');
  try {
    const ext = `../${data.split('/').pop()}`;
    const noteRel = `../${note.split('/').pop()}`;
    rig.write({
      'pipeline.yaml': [
        'stages:',
        '  ingest:',
        `    cmd: ${JSON.stringify(counted('ingest', 'cat ${ingest.source}/train/*.txt > all.txt'))}`,
        `    deps: ["\${ingest.source}", ${JSON.stringify(noteRel)}]`,
        '    outs: [all.txt]',
        '',
      ].join('\n'),
      'params.yaml': `ingest:\n  source: ${ext}\n`,
    });
    expect((await rig.run('repro')).code).toBe(0);
    expect(rig.read('pipeline.lock')).toContain(`    deps:\n      - path: ${ext}\n        hash: `);
    expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');

    writeFileSync(join(data, 'train', 'b.txt'), '2\n');
    expect((await rig.run('status')).stdout).toBe(`ingest: would run (dep '${ext}' changed)\n1 would run.\n`);
    expect((await rig.run('repro')).code).toBe(0);
    expect(rig.read('all.txt')).toBe('1\n2\n');
    writeFileSync(note, 'changed\n');
    expect((await rig.run('status')).stdout).toBe(`ingest: would run (dep '${noteRel}' changed)\n1 would run.\n`);
    writeFileSync(note, 'n\n');
    expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
    // back to an earlier state of the data: the run-cache has its result
    rmSync(join(data, 'train', 'b.txt'));
    const back = await rig.run('repro');
    expect(back.stdout).toBe('ingest: restored from run-cache\n1 restored from cache.\n');
    expect(rig.count('ingest')).toBe(2);

    // the data was never cached: the cache holds all.txt's two versions and nothing else
    const remote = `${rig.dir}-remote`;
    const pushed = await rig.run('push', '-r', remote);
    expect(pushed.stdout).toMatch(/^pushed 2 objects /);
    rmSync(remote, { recursive: true, force: true });

    rmSync(data, { recursive: true });
    const gone = await rig.run('repro');
    // the message points at the param's value, where it is mended, and says where it looked
    expect([gone.code, gone.stderr]).toEqual([2, `error: params.yaml:2:11: ingest.source is '${ext}' (${data}), which does not exist, and no stage produces it: stage 'ingest' depends on it (pipeline.yaml:4:12). Set ingest.source to where that file or folder is, or put it there\n    source: ${ext}\n            ^\n`]);
    // a dep that only uses the param says what it is made of
    rig.write({ 'pipeline.yaml': `stages:\n  ingest:\n    cmd: echo\n    deps: ["\${ingest.source}/train"]\n` });
    const part = await rig.run('status');
    expect([part.code, part.stderr.split('\n')[0]]).toEqual([2, `error: params.yaml:2:11: '\${ingest.source}/train' is '${ext}/train' (${data}/train), which does not exist, and no stage produces it: stage 'ingest' depends on it (pipeline.yaml:4:12). Set ingest.source to where that file or folder is, or put it there`]);
    expect(rig.count('ingest')).toBe(2);
  } finally {
    rmSync(data, { recursive: true, force: true });
    rmSync(note, { force: true });
  }
});

test('a link outside that leads to the project, or to a folder above it, is refused like ..', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    deps: [../LINK]\n' });
  const link = `${rig.dir}-link`;
  for (const target of [rig.dir, dirname(rig.dir)]) {
    symlinkSync(target, link);
    try {
      rig.write({ 'pipeline.yaml': `stages:\n  a:\n    cmd: echo\n    deps: [../${basename(link)}]\n` });
      const r = await rig.run('status');
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `error: pipeline.yaml:4:12: dep '../${basename(link)}' in stage 'a' is the project root or a folder holding it; name a file or folder in it or beside it`]);
    } finally {
      rmSync(link);
    }
  }
});
