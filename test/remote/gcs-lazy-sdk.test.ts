// The Google Cloud Storage SDK is loaded only when a gs:// remote is used: `pipe status`, `pipe
// repro`, `pipe doctor`, and push/pull with a directory or s3:// remote never import it. Checked on
// the real CLI with a module resolve hook that logs every `@google-cloud/*` import; a push to a
// gs:// remote shows the hook does see it. In the source, gcs-adapter.ts is the one module that
// imports it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, REPO } from '../rig.js';
import { importLogger, rigRemote, tempDir } from './helpers.js';
import { closedPort, isolatedAwsEnv } from './s3-server.js';
import { isolatedGcsEnv } from './gcs-server.js';

test('status, repro, doctor, directory and s3:// transfers never load the GCS SDK; a gs:// push does', async () => {
  const log = path.join(tempDir(), 'sdk-imports.txt');
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n' });
  rigRemote(rig);
  const env = { NODE_OPTIONS: importLogger(log, ['@google-cloud']), PIPE_REMOTE: '' };
  for (const args of [['status'], ['repro'], ['status'], ['push'], ['pull'], ['repro', '--pull'], ['doctor']]) {
    expect((await rig.runWith({ env }, ...args)).code).toBe(0);
  }
  const dead = `http://127.0.0.1:${await closedPort()}`;
  expect((await rig.runWith({ env: { ...isolatedAwsEnv(dead), ...env } }, 'push', '-r', 's3://pipe-cache')).code).toBe(2);
  expect(fs.existsSync(log)).toBe(false);

  const gs = await rig.runWith({ env: { ...isolatedGcsEnv(dead), ...env } }, 'push', '-r', 'gs://pipe-cache');
  expect(gs.code).toBe(2);
  expect(fs.readFileSync(log, 'utf8')).toContain('@google-cloud/storage\n');
});

test('gcs-adapter.ts is the only source module that imports the SDK', () => {
  const importers: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && /from '@google-cloud\/|import\('@google-cloud\//.test(fs.readFileSync(p, 'utf8'))) importers.push(path.relative(REPO, p));
    }
  };
  walk(path.join(REPO, 'src'));
  expect(importers).toEqual(['src/remote/gcs-adapter.ts']);
});
