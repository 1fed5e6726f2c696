// `pipe exp push/pull` through an s3:// remote (s3rver): the records lie under the prefix as
// `exps/<id>.json` beside `objects/` with their index `exps/_index.json`, and a fresh clone applies an experiment pulled from it
// without running the stage.
import { expect, test } from 'vitest';
import { BUCKET, startS3 } from '../remote/s3-server.js';
import { shareThrough } from './share-project.js';

test('exp push --all to s3, exp pull one into a fresh clone, exp apply restores it', async () => {
  const s3 = await startS3();
  const { id } = await shareThrough(`s3://${BUCKET}/team/exps-project`, s3.env);
  const records = (await s3.keys()).filter((k) => k.startsWith('team/exps-project/exps/'));
  // two records and their index (for pulls over http)
  expect(records).toHaveLength(3);
  expect(records).toContain(`team/exps-project/exps/${id}.json`);
  expect(records).toContain('team/exps-project/exps/_index.json');
});
