// `pipe remote` changes only the lines it must in pipe.config.yaml: comments (on their own lines
// and after values), blank lines, quoting and the other keys stay byte for byte, through add,
// default, rename and remove; a file with CRLF line ends keeps them; a table in flow style is
// written by the YAML Document, which keeps the comments.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const before = `# Project settings: committed.
record: false   # no experiment records

# where the cache goes
remote: "../old-remote"   # the team's share
remotes:
  # the NAS
  nas: /mnt/nas/pipe

  backup: 'file:///srv/backup'  # nightly
other: {a: 1,   b: [x, y]}
`;

test('comments and other keys are kept byte for byte', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': before });
  expect((await rig.run('remote', 'add', 'cloud', 's3://bucket/p')).code).toBe(0);
  expect(rig.read('pipe.config.yaml')).toBe(before.replace("  backup: 'file:///srv/backup'  # nightly\n", "  backup: 'file:///srv/backup'  # nightly\n  cloud: s3://bucket/p\n"));

  expect((await rig.run('remote', 'default', 'nas')).code).toBe(0);
  const withDefault = before
    .replace('remote: "../old-remote"   # the team', 'remote: nas   # the team')
    .replace("  backup: 'file:///srv/backup'  # nightly\n", "  backup: 'file:///srv/backup'  # nightly\n  cloud: s3://bucket/p\n");
  expect(rig.read('pipe.config.yaml')).toBe(withDefault);

  expect((await rig.run('remote', 'rename', 'backup', 'nightly')).code).toBe(0);
  const renamed = withDefault.replace("  backup: 'file:///srv/backup'", "  nightly: 'file:///srv/backup'");
  expect(rig.read('pipe.config.yaml')).toBe(renamed);

  // the comment line right above the entry speaks of it: it goes too
  expect((await rig.run('remote', 'remove', 'nas')).code).toBe(0);
  expect(rig.read('pipe.config.yaml')).toBe(
    renamed.replace('remote: nas   # the team\'s share\n', '').replace('  # the NAS\n  nas: /mnt/nas/pipe\n\n', ''),
  );
});

test('a file with CRLF line ends keeps them', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': '# ours\r\nrecord: false\r\n' });
  expect((await rig.run('remote', 'add', '-d', 'storage', '../r')).code).toBe(0);
  expect(rig.read('pipe.config.yaml')).toBe('# ours\r\nrecord: false\r\nremotes:\r\n  storage: ../r\r\nremote: storage\r\n');
});

test('a table written in flow style is written by the YAML Document: the other keys and comments stay', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': '# ours\nrecord: false # off\nremotes: {a: ../a}\n' });
  const added = await rig.run('remote', 'add', 'b', '../b');
  expect([added.code, added.stdout]).toEqual([0, 'added remote b: ../b\n']);
  expect(rig.read('pipe.config.yaml')).toBe('# ours\nrecord: false # off\nremotes: {a: ../a, b: ../b}\n');
  const list = await rig.run('remote', 'list');
  expect(list.stdout).toBe('a  ../a\nb  ../b\n');
});
