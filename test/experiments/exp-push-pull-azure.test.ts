// `pipe exp push/pull` through an azure:// remote (Azurite): the records lie under the prefix as
// `exps/<id>.json` beside `objects/`, and a fresh clone applies an experiment pulled from it
// without running the stage.
import { expect, test } from 'vitest';
import { CONTAINER, startAzurite } from '../remote/azure-server.js';
import { shareThrough } from './share-project.js';

test('exp push --all to azure, exp pull one into a fresh clone, exp apply restores it', async () => {
  const azure = await startAzurite();
  const { id } = await shareThrough(`azure://${CONTAINER}/team/exps-project`, azure.env);
  const records = (await azure.keys()).filter((k) => k.startsWith('team/exps-project/exps/'));
  // two records and their index (for pulls over http)
  expect(records).toHaveLength(3);
  expect(records).toContain(`team/exps-project/exps/${id}.json`);
  expect(records).toContain('team/exps-project/exps/_index.json');
});
