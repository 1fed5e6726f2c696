// `pipe doctor` describes an ssh:// remote as kind `ssh` without contacting it (nothing listens at
// the address it names, and doctor still answers at once); one whose URL carries a password is
// named as the problem, the password not shown.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { doctorReport, TWO_STAGES } from './helpers.js';

test('an ssh:// remote is kind ssh, not contacted; one with a password in its URL is a problem', async () => {
  const rig = makeRig({ 'pipeline.yaml': TWO_STAGES, 'pipe.config.yaml': 'remote: ssh://ann@127.0.0.1:1/srv/pipe\n' });
  const report = await doctorReport(rig);
  expect(report.project!.remote).toEqual({ url: 'ssh://ann@127.0.0.1:1/srv/pipe', source: 'pipe.config.yaml:1:9', kind: 'ssh', location: 'ssh://ann@127.0.0.1:1/srv/pipe' });
  expect((await rig.run('doctor')).stdout).toContain('  remote: ssh://ann@127.0.0.1:1/srv/pipe, set by pipe.config.yaml:1:9 (not contacted)\n');

  const secret = await doctorReport(rig, { env: { PIPE_REMOTE: 'ssh://ann:hunter2@127.0.0.1:1/srv/pipe' } });
  expect(secret.project!.remote).toBeNull();
  expect(secret.project!.remoteProblem).toBe('PIPE_REMOTE: the remote URL carries a password (ssh://ann@127.0.0.1:1/srv/pipe with `:password` after the user); pipe never takes an SSH password from a URL');
});
