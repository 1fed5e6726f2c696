// loadProject(root) / findProjectRoot(cwd): the validated pipeline other modules (metrics, plots,
// exp) read: resolved paths, params values, output kinds and options, source locations.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { findProjectRoot, loadProject } from '../../src/engine/index.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-load-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

test('stages come back resolved and located', () => {
  const root = project({
    'params.yaml': 'data:\n  dir: raw\ntrain:\n  lr: 0.01\n  layers: [8, 16]\n',
    'sub/params.yaml': 'k: 3\n',
    'extra.yaml': 'a:\n  b: true\n',
    'pipeline.yaml': `stages:
  train:
    desc: fits the model
    cmd: ['python train.py --lr \${train.lr}', echo done]
    wdir: sub
    deps: ['../\${data.dir}/x.csv']
    params: [k, {../extra.yaml: [a.b]}]
    outs: [model, {cache.bin: {cache: false, persist: true}}]
    metrics: [m.json]
    plots:
      - hist.json: {x: epoch, y: [loss], cache: false}
    always_changed: true
`,
  });
  expect(findProjectRoot(join(root, 'sub'))).toBe(root);
  const r = loadProject(root);
  if (!r.ok) throw new Error(JSON.stringify(r.failures));
  const [s] = r.value.stages;
  expect(s).toMatchObject({
    name: 'train',
    desc: 'fits the model',
    cmd: ['python train.py --lr 0.01', 'echo done'],
    wdir: 'sub',
    deps: [{ path: 'raw/x.csv', location: { file: 'pipeline.yaml', line: 6, col: 12 } }],
    params: { 'sub/params.yaml': { k: 3 }, 'extra.yaml': { 'a.b': true }, 'params.yaml': { 'train.lr': 0.01, 'data.dir': 'raw' } },
    frozen: false,
    alwaysChanged: true,
    location: { file: 'pipeline.yaml', line: 2, col: 3 },
  });
  expect(s?.outs.map((o) => [o.path, o.kind, o.cache, o.persist])).toEqual([
    ['sub/model', 'out', true, false],
    ['sub/cache.bin', 'out', false, true],
  ]);
  expect(s?.metrics.map((o) => [o.path, o.kind, o.cache])).toEqual([['sub/m.json', 'metric', true]]);
  expect(s?.plots[0]).toMatchObject({ path: 'sub/hist.json', kind: 'plot', cache: false, options: { x: 'epoch', y: ['loss'] } });
  expect(r.value.graph.order).toEqual(['train']);
});

test('failures are values with kind, message and location', () => {
  const root = project({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    params: [missing.key]\n' });
  const r = loadProject(root);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.failures).toEqual([
    {
      kind: 'params-file',
      message: "params file 'params.yaml' (param 'missing.key' listed by stage 'a') does not exist",
      location: { file: 'pipeline.yaml', line: 4, col: 14 },
      snippet: '    params: [missing.key]',
    },
  ]);
  expect(findProjectRoot(tmpdir())).toBeUndefined();
});
