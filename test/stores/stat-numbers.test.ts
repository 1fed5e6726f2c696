// stat-numbers.ts reads stat results from Node's internal fs binding for speed; these tests pin
// that it gives exactly what fs.statSync gives, and that a directory hashed through either path
// has the same tree signature (so a stat cache written by one is valid for the other).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newStatBuffer, portableStatNumbers, statImplementation, statNumbers } from '../../src/stores/stat-numbers.js';
import { REPO } from '../rig.js';
import { tempProject } from './helpers.js';

describe('statNumbers', () => {
  it('uses the fast binding on the Node versions we ship for (20, 22)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    if (major === 20 || major === 22) expect(statImplementation).toBe('binding');
  });

  it('reads exactly what fs.statSync reads: file, directory, symlinks, missing paths', () => {
    const root = tempProject({ 'a.txt': 'hello', 'd/b.bin': 'x'.repeat(70_000) });
    fs.utimesSync(path.join(root, 'a.txt'), 1_700_000_000.123456, 1_700_000_000.987654);
    fs.symlinkSync('a.txt', path.join(root, 'link'));
    fs.symlinkSync('nowhere', path.join(root, 'dangling'));
    fs.linkSync(path.join(root, 'a.txt'), path.join(root, 'hard')); // nlink 2 (the folder watcher asks)
    const fast = newStatBuffer();
    const portable = newStatBuffer();
    for (const p of ['a.txt', 'd', 'd/b.bin', 'link', '.']) {
      const abs = path.join(root, p);
      expect(statNumbers(abs, fast)).toBe(true);
      expect(portableStatNumbers(abs, portable)).toBe(true);
      expect([...fast]).toEqual([...portable]);
      const st = fs.statSync(abs);
      expect([...fast]).toEqual([st.mode, st.size, st.mtimeMs, st.ino, st.dev, st.nlink]);
    }
    for (const p of ['dangling', 'missing']) {
      expect(statNumbers(path.join(root, p), fast)).toBe(false);
      expect(portableStatNumbers(path.join(root, p), portable)).toBe(false);
    }
    // other errors throw, from both, as fs.statSync does
    const belowFile = path.join(root, 'a.txt/below');
    expect(() => statNumbers(belowFile, fast)).toThrow(/ENOTDIR/);
    expect(() => portableStatNumbers(belowFile, portable)).toThrow(/ENOTDIR/);
  });

  it('a directory scanned with PIPE_PORTABLE_STAT=1 has the same tree signature', () => {
    const root = tempProject({ 'data/x/1.txt': 'one', 'data/x/2.txt': 'two', 'data/3.txt': 'three' });
    const old = new Date('2026-01-01T00:00:00Z'); // older than the racy window: the tree is cached
    for (const f of ['data/x/1.txt', 'data/x/2.txt', 'data/3.txt']) fs.utimesSync(path.join(root, f), old, old);
    const script = `
      const { Hasher } = await import(${JSON.stringify(path.join(REPO, 'src/stores/index.ts'))});
      const { statImplementation } = await import(${JSON.stringify(path.join(REPO, 'src/stores/stat-numbers.ts'))});
      const h = new Hasher(${JSON.stringify(root)});
      const info = h.hashPathSync('data');
      h.save();
      console.log(JSON.stringify({ statImplementation, info }));`;
    const run = (env: NodeJS.ProcessEnv): { statImplementation: string; info: unknown } =>
      JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, env: { ...process.env, ...env }, encoding: 'utf8' })) as {
        statImplementation: string;
        info: unknown;
      };
    const treeCache = path.join(root, '.pipe/tree-cache.json');
    const first = run({ PIPE_PORTABLE_STAT: '1' });
    expect(first.statImplementation).toBe('portable');
    const written = fs.readFileSync(treeCache, 'utf8');
    const second = run({ PIPE_PORTABLE_STAT: '' });
    expect(second.statImplementation).toBe(statImplementation);
    expect(second.info).toEqual(first.info);
    // same signature: the fast path found the tree unchanged and had nothing to rewrite
    expect(fs.readFileSync(treeCache, 'utf8')).toBe(written);
  });
});
