// An http(s) remote cannot list its files, so it cannot hold experiment records: `exp push` and
// `exp pull` refuse it with exit 2 before contacting it (nothing listens at the URL).
import { expect, test } from 'vitest';
import { originWithExperiments } from './share-project.js';

test('exp push and pull refuse an http remote, exit 2', async () => {
  const origin = await originWithExperiments();
  for (const verb of ['push', 'pull']) {
    const r = await origin.run('exp', verb, 'http://127.0.0.1:9/store', 'big');
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'error: the remote http://127.0.0.1:9/store cannot hold experiment records: an http(s) remote cannot list its files\n' +
        `hint: use a directory, s3:// or ssh:// remote for \`pipe exp ${verb}\`; or commit metrics/experiments/ to git and \`pipe ${verb}\` the outputs\n`,
    ]);
  }
});
