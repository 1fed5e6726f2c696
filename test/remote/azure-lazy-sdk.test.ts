// The Azure SDK is loaded only when an azure:// remote is used: `pipe status`, `pipe repro`,
// `pipe doctor`, and push/pull with a directory remote never import it. Checked on the real CLI
// with a module resolve hook that logs every `@azure/*` import; a push to an azure:// remote shows
// the hook does see it. In the source, azure-adapter.ts is the one module that imports it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, REPO } from '../rig.js';
import { importLogger, rigRemote, tempDir } from './helpers.js';
import { closedPort } from './s3-server.js';
import { ACCOUNT, connectionStringFor, isolatedAzureEnv } from './azure-server.js';

test('status, repro, doctor and directory-remote transfers never load the Azure SDK; an azure:// push does', async () => {
  const log = path.join(tempDir(), 'sdk-imports.txt');
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n' });
  rigRemote(rig);
  const env = { NODE_OPTIONS: importLogger(log, ['@azure']), PIPE_REMOTE: '' };
  for (const args of [['status'], ['repro'], ['status'], ['push'], ['pull'], ['doctor']]) {
    expect((await rig.runWith({ env }, ...args)).code).toBe(0);
  }
  expect(fs.existsSync(log)).toBe(false);

  const dead = connectionStringFor(`http://127.0.0.1:${await closedPort()}/${ACCOUNT}`);
  const azure = await rig.runWith({ env: { ...isolatedAzureEnv(dead), ...env } }, 'push', '-r', 'azure://pipe-cache');
  expect(azure.code).toBe(2);
  expect(fs.readFileSync(log, 'utf8')).toContain('@azure/storage-blob\n');
});

test('azure-adapter.ts is the only source module that imports the SDK', () => {
  const importers: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && /from '@azure\/|import\('@azure\//.test(fs.readFileSync(p, 'utf8'))) importers.push(path.relative(REPO, p));
    }
  };
  walk(path.join(REPO, 'src'));
  expect(importers).toEqual(['src/remote/azure-adapter.ts']);
});
