import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireReproLock, reproLockHolder, tryAcquireReproLock } from '../../src/stores/index.js';
import { tempProject } from './helpers.js';

/** A pid that is certainly dead: a child that already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid as number;
}

describe('repro lock', () => {
  it('holds the pid in .pipe/repro.lock; a second acquirer learns who holds it; release frees it', () => {
    const root = tempProject();
    const first = tryAcquireReproLock(root);
    expect(first.ok).toBe(true);
    expect(fs.readFileSync(path.join(root, '.pipe/repro.lock'), 'utf8')).toBe(`${process.pid}\n`);
    expect(tryAcquireReproLock(root)).toEqual({ ok: false, lockedBy: process.pid });
    expect(reproLockHolder(root)).toBe(process.pid);
    if (first.ok) first.lock.release();
    expect(fs.existsSync(path.join(root, '.pipe/repro.lock'))).toBe(false);
    expect(reproLockHolder(root)).toBeUndefined();
    const again = tryAcquireReproLock(root);
    expect(again.ok).toBe(true);
    if (again.ok) again.lock.release();
  });

  it('takes over a stale lock left by a killed process', () => {
    const root = tempProject();
    const dead = deadPid();
    fs.mkdirSync(path.join(root, '.pipe'));
    fs.writeFileSync(path.join(root, '.pipe/repro.lock'), `${dead}\n`);
    const r = tryAcquireReproLock(root);
    expect(r.ok).toBe(true);
    expect(fs.readFileSync(path.join(root, '.pipe/repro.lock'), 'utf8')).toBe(`${process.pid}\n`);
    if (r.ok) r.lock.release();
  });

  it('takes over a lock whose pid now belongs to a process that started after the lock was written (pid reuse)', () => {
    const root = tempProject();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const file = path.join(root, '.pipe/repro.lock');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, `${child.pid}\n`);
      const anHourAgo = new Date(Date.now() - 3600_000);
      fs.utimesSync(file, anHourAgo, anHourAgo);
      const r = tryAcquireReproLock(root);
      expect(r.ok).toBe(true);
      if (r.ok) r.lock.release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('waits for a live holder up to the timeout, then reports it', async () => {
    const root = tempProject();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.mkdirSync(path.join(root, '.pipe'));
      fs.writeFileSync(path.join(root, '.pipe/repro.lock'), `${child.pid}\n`);
      const t0 = Date.now();
      expect(await acquireReproLock(root, { waitMs: 300, pollMs: 50 })).toEqual({ ok: false, lockedBy: child.pid });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
      // The holder goes away mid-wait: the waiter gets the lock.
      setTimeout(() => fs.rmSync(path.join(root, '.pipe/repro.lock')), 100);
      const r = await acquireReproLock(root, { waitMs: 5000, pollMs: 20 });
      expect(r.ok).toBe(true);
      if (r.ok) r.lock.release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('never lets two contenders hold it at once (racing processes on a stale lock)', async () => {
    const root = tempProject();
    fs.mkdirSync(path.join(root, '.pipe'));
    fs.writeFileSync(path.join(root, '.pipe/repro.lock'), `${deadPid()}\n`);
    const mod = path.resolve('src/stores/repro-lock.ts');
    // Each contender reports, then stays alive (holding the lock if it won) until every
    // contender has reported: a winner that exited early would rightly look stale.
    const script = `import { tryAcquireReproLock } from ${JSON.stringify(mod)};
      const r = tryAcquireReproLock(${JSON.stringify(root)});
      process.stdout.write(r.ok ? 'won' : 'lost');
      setTimeout(() => {}, 30000);`;
    // One node process each (tsx as a loader, not its CLI wrapper) so that kill() reaches it.
    const children = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { stdio: ['ignore', 'pipe', 'inherit'] }));
    try {
      const outcomes = await Promise.all(children.map((c) => new Promise<string>((resolve) => {
        c.stdout!.once('data', (d: Buffer) => resolve(d.toString()));
        c.once('exit', () => resolve('exited'));
      })));
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'lost')).toHaveLength(2);
    } finally {
      for (const c of children) c.kill('SIGKILL');
    }
  });
});
