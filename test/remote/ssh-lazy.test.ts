// ssh2 is loaded only when an ssh:// remote is used: `pipe status`, `pipe repro` (cold and warm),
// and push/pull/repro --pull with a directory remote never import it (nor does the bundle hold
// it). Checked on the real CLI with a module resolve hook that logs every `ssh2` import; a push to
// an ssh:// remote shows the hook does see it. In the source, ssh-adapter.ts is the one module
// that imports it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, REPO } from '../rig.js';
import { importLogger, rigRemote, tempDir } from './helpers.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('status, repro and directory-remote transfers never load ssh2; an ssh:// push does', async () => {
  const log = path.join(tempDir(), 'ssh2-imports.txt');
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n' });
  rigRemote(rig);
  const env = { NODE_OPTIONS: importLogger(log, ['ssh2']), PIPE_REMOTE: '' };
  for (const args of [['status'], ['repro'], ['repro'], ['status'], ['push'], ['pull'], ['repro', '--pull']]) {
    expect((await rig.runWith({ env }, ...args)).code).toBe(0);
  }
  expect(fs.existsSync(log)).toBe(false);

  const server = await startSsh();
  const ssh = await rig.runWith({ env: { ...sshEnv(server), ...env } }, 'push', '-r', server.url('/r'));
  expect([ssh.code, ssh.stderr]).toEqual([0, '']);
  expect(fs.readFileSync(log, 'utf8')).toBe('ssh2\n');
});

test('ssh-adapter.ts is the only source module that imports ssh2, and the bundle leaves it out', () => {
  const importers: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && /from 'ssh2';|import\('ssh2'\)/.test(fs.readFileSync(p, 'utf8'))) importers.push(path.relative(REPO, p));
    }
  };
  walk(path.join(REPO, 'src'));
  expect(importers).toEqual(['src/remote/ssh-adapter.ts']);
  // in the bundle: imported with import() only (doctor.js, built without splitting, inlines the
  // adapter: a static import there would load ssh2 for every `pipe doctor`), and none of ssh2's
  // own code (its identification string) bundled in
  const bundle = path.join(REPO, 'dist/bundle');
  const js = fs.readdirSync(bundle).filter((f) => f.endsWith('.js')).map((f) => ({ f, text: fs.readFileSync(path.join(bundle, f), 'utf8') }));
  expect(js.filter(({ text }) => text.includes('import("ssh2")')).map(({ f }) => f.replace(/-[A-Z0-9]{8}\.js$/, '.js')).sort()).toEqual(['doctor.js', 'ssh-adapter.js']);
  expect(js.filter(({ text }) => /from\s*"ssh2"|SSH-2\.0-ssh2js/.test(text)).map(({ f }) => f)).toEqual([]);
});
