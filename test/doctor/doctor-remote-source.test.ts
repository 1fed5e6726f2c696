// `pipe doctor` names the remote and where it was set, in the order every command takes them:
// --remote, then $PIPE_REMOTE, then pipe.config.yaml; it never contacts it (a directory remote that
// does not exist is not created), never prints an http(s) password, and says when none is set.
import { expect, test } from 'vitest';
import { join, resolve } from 'node:path';
import { makeRig } from '../rig.js';
import { doctorReport, TWO_STAGES } from './helpers.js';

test('pipe.config.yaml, then $PIPE_REMOTE over it, then --remote over both', async () => {
  const rig = makeRig({ 'pipeline.yaml': TWO_STAGES, 'pipe.config.yaml': 'remote: ../remote-from-config\n', 'sub/keep.txt': 'x' });
  const fromConfig = await doctorReport(rig);
  expect(fromConfig.project!.remote).toEqual({
    url: '../remote-from-config',
    source: 'pipe.config.yaml:1:9',
    kind: 'directory',
    location: resolve(rig.dir, '../remote-from-config'),
  });
  expect(fromConfig.project!.remoteProblem).toBeNull();
  const text = await rig.run('doctor');
  expect(text.stdout).toContain(`  remote: ../remote-from-config (${resolve(rig.dir, '../remote-from-config')}), set by pipe.config.yaml:1:9 (not contacted)\n`);

  const env = { PIPE_REMOTE: 's3://bucket/some/prefix' };
  const fromEnv = await doctorReport(rig, { env });
  expect(fromEnv.project!.remote).toEqual({ url: 's3://bucket/some/prefix', source: 'PIPE_REMOTE', kind: 's3', location: 's3://bucket/some/prefix' });
  expect((await rig.runWith({ env }, 'doctor')).stdout).toContain('  remote: s3://bucket/some/prefix, set by $PIPE_REMOTE (not contacted)\n');

  // a relative --remote is taken from the folder doctor runs in, as push and pull take it
  const fromFlag = await doctorReport(rig, { env, cwd: 'sub' }, '-r', './elsewhere');
  expect(fromFlag.project!.remote).toEqual({ url: join(rig.dir, 'sub', 'elsewhere'), source: '--remote', kind: 'directory', location: join(rig.dir, 'sub', 'elsewhere') });
  // described, not contacted: neither directory was created
  expect(rig.exists('sub/elsewhere')).toBe(false);
  expect(rig.exists('../remote-from-config')).toBe(false);
});

test('an http(s) remote in $PIPE_REMOTE is shown without its password; no remote is said so', async () => {
  const rig = makeRig({ 'pipeline.yaml': TWO_STAGES });
  const none = await doctorReport(rig);
  expect(none.project!.remote).toBeNull();
  expect(none.project!.remoteProblem).toBe('no remote configured (pipe.config.yaml not found)');
  expect((await rig.run('doctor')).stdout).toContain('  remote: none: no remote configured (pipe.config.yaml not found)\n');

  const env = { PIPE_REMOTE: 'https://me:s3cret@cache.example.com/pipe' };
  const r = await rig.runWith({ env }, 'doctor', '--json');
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain('s3cret');
  expect((JSON.parse(r.stdout) as { project: { remote: unknown } }).project.remote).toEqual({
    url: 'https://cache.example.com/pipe',
    source: 'PIPE_REMOTE',
    kind: 'http',
    location: 'https://cache.example.com/pipe',
  });
});
