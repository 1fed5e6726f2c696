// LockUpdater: many updates of pipeline.lock in a row (one repro recording each finished stage)
// keep the lock in memory and render each stage once; the file must still be, after every update,
// byte for byte what updateLockStage (a full read, parse and render) leaves, and an edit made to
// the file by someone else between two updates must be kept as updateLockStage keeps it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockUpdater, readLock, renderLock, updateLockStage, writeLock, type LockFile, type LockStage } from '../../src/stores/index.js';
import { sha256, tempProject } from './helpers.js';

const H1 = sha256('1');
const H2 = sha256('2');

/** Entries that exercise the renderer: quoting, block scalars, lists, nested params, isexec, sorting. */
function stage(i: number): LockStage {
  const kinds: LockStage[] = [
    { cmd: `cp in/${i}.txt out/${i}.txt`, deps: [{ path: `in/${i}.txt`, hash: H1, size: 2, nfiles: 1 }], params: {}, outs: [{ path: `out/${i}.txt`, hash: H2, size: 2, nfiles: 1 }] },
    { cmd: ['echo "a: b"', "echo 'c'", 'line one\nline two\n'], deps: [], params: {}, outs: [] },
    {
      cmd: 'python3 -c "import sys\nprint(1)"  # trailing: colon',
      deps: [
        { path: 'z/last', hash: `${H2}.dir`, size: 10, nfiles: 3 },
        { path: 'a first', hash: H1, size: 0, nfiles: 1 },
      ],
      params: { 'params.yaml': { 'b.x': [1, 'two', { k: null }], 'a.y': { nested: { deep: true, 'yes': 'no' } }, 'c': '0123' }, 'other.json': { '': -0.5 } },
      outs: [
        { path: 'run.sh', hash: H1, size: 5, nfiles: 1, isexec: true },
        { path: '#model', hash: `${H2}.dir`, size: 1e6, nfiles: 2 },
      ],
    },
  ];
  return kinds[i % kinds.length] as LockStage;
}

// '10', '2', '0' come first in renderLock's text, in numeric order (a JavaScript object lists
// array-index keys first); '007' and '4294967295' are not array indices
const NAMES = ['train', 'f@i0', '10', 'ingest', 'a:b', '007', 'f@i10', 'Z', '2', 'über', '- dash', 'null', '4294967295', '0', 'x'.repeat(200)];

describe('LockUpdater', () => {
  it('leaves after every update the bytes renderLock gives for the same lock', async () => {
    const root = tempProject();
    const updater = new LockUpdater(root);
    const model: LockFile = { schema: '1', stages: {} };
    const steps: [string, LockStage | undefined][] = [
      ...NAMES.map((n, i): [string, LockStage] => [n, stage(i)]),
      ['ingest', stage(2)], // changed: its lines are rendered again
      ['train', undefined], // removed
      ['not there', undefined],
      ...NAMES.map((n): [string, undefined] => [n, undefined]), // down to no stages at all
      ['back', stage(0)],
    ];
    for (const [name, entry] of steps) {
      const r = await updater.update(name, entry);
      expect(r.ok).toBe(true);
      if (entry === undefined) delete model.stages[name];
      else model.stages[name] = entry;
      expect(fs.readFileSync(path.join(root, 'pipeline.lock'), 'utf8')).toBe(renderLock(model));
      expect(updater.current()).toEqual(model);
    }
    const back = readLock(root);
    expect(back.ok && back.value).toEqual(model);
  });

  it('starts from a lock written before, whatever its stage names, with renderLock\'s bytes', async () => {
    const root = tempProject();
    // a name past 1,024 characters is written as an explicit key (`? name`), a block of its own kind
    const names = [...NAMES, 'y'.repeat(1100), 'b\nc'];
    const model: LockFile = { schema: '1', stages: Object.fromEntries(names.map((n, i) => [n, stage(i)])) };
    await writeLock(root, model);
    for (const [i, name] of ['new', names[3] as string, names[names.length - 2] as string].entries()) {
      const updater = new LockUpdater(root);
      model.stages[name] = stage(i + 1);
      await updater.update(name, stage(i + 1));
      expect(fs.readFileSync(path.join(root, 'pipeline.lock'), 'utf8')).toBe(renderLock(model));
      delete model.stages[name];
      await updater.update(name, undefined);
      expect(fs.readFileSync(path.join(root, 'pipeline.lock'), 'utf8')).toBe(renderLock(model));
    }
  });

  it('writes what updateLockStage writes, on a lock written before', async () => {
    const a = tempProject();
    const b = tempProject();
    const start: LockFile = { schema: '1', stages: { ingest: stage(1), train: stage(2) } };
    await writeLock(a, start);
    await writeLock(b, start);
    const updater = new LockUpdater(a);
    for (const [i, name] of ['prepare', 'train', 'eval'].entries()) {
      await updater.update(name, stage(i));
      await updateLockStage(b, name, stage(i));
      expect(fs.readFileSync(path.join(a, 'pipeline.lock'), 'utf8')).toBe(fs.readFileSync(path.join(b, 'pipeline.lock'), 'utf8'));
    }
  });

  it('keeps an edit another process made to the file between two updates', async () => {
    const root = tempProject();
    const updater = new LockUpdater(root);
    await updater.update('a', stage(0));
    // replaced (a new inode), as another writer's atomic rename does
    await writeLock(root, { schema: '1', stages: { a: stage(0), other: stage(1) } });
    await updater.update('b', stage(2));
    const read = readLock(root);
    expect(read.ok && Object.keys(read.value.stages).sort()).toEqual(['a', 'b', 'other']);
    // edited in place (same inode), as an editor may
    const file = path.join(root, 'pipeline.lock');
    const fd = fs.openSync(file, 'r+');
    const text = fs.readFileSync(file, 'utf8').replace('cp in/0.txt out/0.txt', 'cp in/0.txt out/0.TXT');
    fs.writeSync(fd, text, 0);
    fs.closeSync(fd);
    await updater.update('c', stage(0));
    const after = fs.readFileSync(file, 'utf8');
    expect(after).toContain('cmd: cp in/0.txt out/0.TXT');
    expect(after).toMatch(/^ {2}other:$/m);
    // deleted: read as an empty lock, as updateLockStage reads it
    fs.rmSync(file);
    await updater.update('d', stage(1));
    expect(fs.readFileSync(file, 'utf8')).toBe(renderLock({ schema: '1', stages: { d: stage(1) } }));
  });

  it('refuses, writing nothing, while the file is malformed, and goes on once it is fixed', async () => {
    const root = tempProject();
    const file = path.join(root, 'pipeline.lock');
    const updater = new LockUpdater(root);
    await updater.update('a', stage(0));
    fs.writeFileSync(file, 'schema: [\n');
    const r = await updater.update('b', stage(1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failure.message).toMatch(/^pipeline\.lock:\d+:\d+: /);
    expect(fs.readFileSync(file, 'utf8')).toBe('schema: [\n');
    fs.rmSync(file);
    expect((await updater.update('b', stage(1))).ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(renderLock({ schema: '1', stages: { b: stage(1) } }));
  });

  it('drops the entries of stages pipeline.yaml no longer defines, as it reads them', async () => {
    const root = tempProject();
    await writeLock(root, { schema: '1', stages: { gone: stage(0), kept: stage(1) } });
    const updater = new LockUpdater(root, (n) => n !== 'gone');
    await updater.update('new', stage(2));
    expect(fs.readFileSync(path.join(root, 'pipeline.lock'), 'utf8')).toBe(renderLock({ schema: '1', stages: { kept: stage(1), new: stage(2) } }));
  });
});
