// `pipe remote add` writes a name → URL under `remotes:` in pipe.config.yaml (creating the file
// where there is none), `-d` makes it the default too, and `pipe remote list` shows them, the
// default marked, as text and as --json. A taken name needs -f; exit 0 on success, 2 otherwise.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('add, add -d, list and list --json', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const empty = await rig.run('remote', 'list');
  expect([empty.code, empty.stdout, empty.stderr]).toEqual([0, '', '']);

  const added = await rig.run('remote', 'add', 'storage', '../pipe-remote');
  expect([added.code, added.stdout, added.stderr]).toEqual([0, 'added remote storage: ../pipe-remote\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../pipe-remote\n');

  const cloud = await rig.run('remote', 'add', '-d', 'cloud.eu-1', 's3://bucket/prefix');
  expect([cloud.code, cloud.stdout, cloud.stderr]).toEqual([0, 'added remote cloud.eu-1: s3://bucket/prefix, the default remote\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../pipe-remote\n  cloud.eu-1: s3://bucket/prefix\nremote: cloud.eu-1\n');

  const list = await rig.run('remote', 'list');
  expect([list.code, list.stdout, list.stderr]).toEqual([0, 'storage     ../pipe-remote\ncloud.eu-1  s3://bucket/prefix  (default)\n', '']);
  const json = await rig.run('remote', 'list', '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({
    remotes: [
      { name: 'storage', url: '../pipe-remote', default: false },
      { name: 'cloud.eu-1', url: 's3://bucket/prefix', default: true },
    ],
    default: { name: 'cloud.eu-1', url: 's3://bucket/prefix' },
  });
});

test('a taken name is refused without -f; -f replaces its URL', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  storage: ../a\n' });
  const taken = await rig.run('remote', 'add', 'storage', '../b');
  expect([taken.code, taken.stdout, taken.stderr]).toEqual([
    2,
    '',
    "error: remote 'storage' already exists (../a)\nhint: `pipe remote add -f storage <url>` replaces it; `pipe remote list` lists them\n",
  ]);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../a\n');
  const forced = await rig.run('remote', 'add', '-f', 'storage', '../b');
  expect([forced.code, forced.stdout, forced.stderr]).toEqual([0, 'replaced remote storage: ../b (was ../a)\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../b\n');
});

test('a relative folder given from a subfolder is written relative to the project root', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'sub/x.txt': 'x\n' });
  const added = await rig.runWith({ cwd: 'sub' }, 'remote', 'add', 'storage', '../../pipe-remote');
  expect([added.code, added.stdout]).toEqual([0, 'added remote storage: ../pipe-remote\n']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../pipe-remote\n');
});
