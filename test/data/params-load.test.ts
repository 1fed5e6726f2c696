import { describe, expect, it } from 'vitest';
import { renderFailure } from '../../src/ml/failure.js';
import { ingestSection } from '../../src/ml/params/ingest.js';
import { defineSection, loadParams, parseParams, type JSONSchemaType, type ParamsSection } from '../../src/ml/params/load.js';
import { splitSection } from '../../src/ml/params/split.js';
import { tempDir } from './helpers.js';
import { join } from 'node:path';

function errors<T>(text: string, section: ParamsSection<T>): string[] {
  const r = parseParams(text, 'params.yaml', section);
  if (r.ok) throw new Error('expected failures');
  return r.failures.map(renderFailure);
}

describe('params.yaml section loading', () => {
  it('fills defaults and returns typed values', () => {
    const r = parseParams('ingest:\n  source: somewhere\n', 'params.yaml', ingestSection);
    expect(r).toEqual({ ok: true, value: { source: 'somewhere', layout: 'auto', limit: null, on_bad: 'error' } });
  });

  it('names an unknown key with its line:col and the known keys', () => {
    const text = 'split:\n  protocol: random\n  sed: 4\n';
    expect(errors(text, splitSection)).toEqual([
      'params.yaml:3:3: split.sed: unknown key (known: protocol, seed, train, val, test, blur, sharp_blur, sharp_detail)',
    ]);
  });

  it('names an ill-typed value at its own position, quoting what was given', () => {
    const text = 'ingest:\n  source: x\n  limit: "128"\n  on_bad: maybe\n';
    expect(errors(text, ingestSection)).toEqual([
      'params.yaml:3:10: ingest.limit must be an integer >= 1 or null, got "128"',
      'params.yaml:4:11: ingest.on_bad must be one of error, skip, got "maybe"',
    ]);
  });

  it('checks ranges and that the split fractions sum to 1', () => {
    expect(errors('split:\n  seed: -1\n', splitSection)).toEqual([
      'params.yaml:2:9: split.seed must be an integer >= 0 and <= 4294967295, got -1',
    ]);
    expect(errors('split:\n  train: 0.8\n  val: 0.2\n  test: 0.1\n', splitSection)).toEqual([
      'params.yaml:2:10: split.train: split.train + split.val + split.test must sum to 1, got 0.8 + 0.2 + 0.1 = 1.1',
    ]);
  });

  it('reports a section that is not a mapping, and YAML syntax errors with their position', () => {
    expect(errors('ingest: 3\n', ingestSection)).toEqual(['params.yaml:1:9: ingest must be a mapping, got 3']);
    expect(errors('ingest:\n  source: [a\n', ingestSection)[0]).toMatch(/^params\.yaml:3:1: not valid YAML: /);
  });

  it('says so when params.yaml does not exist', async () => {
    const r = await loadParams(ingestSection, join(tempDir(), 'params.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.failures[0]!.message).toBe('not found');
      expect(r.failures[0]!.hint).toBe('the stages read their settings from params.yaml at the project root; create it with a "ingest:" section');
    }
  });

  it('names a missing required key and list items by index (a section without defaults)', () => {
    interface Demo {
      rate: number;
      shape: number[];
    }
    const schema: JSONSchemaType<Demo> = {
      type: 'object',
      properties: {
        rate: { type: 'number', exclusiveMinimum: 0 },
        shape: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 3, maxItems: 3 },
      },
      required: ['rate', 'shape'],
      additionalProperties: false,
    };
    const demo = defineSection<Demo>('demo', schema);
    expect(errors('other: 1\ndemo:\n  shape: [48, 0, 1]\n', demo)).toEqual([
      'params.yaml:2:1: demo.rate: missing, expected a number > 0',
      'params.yaml:3:15: demo.shape[1] must be an integer >= 1, got 0',
    ]);
    expect(errors('demo:\n  rate: 0.1\n  shape: [1]\n', demo)).toEqual([
      'params.yaml:3:10: demo.shape must be a list of 3 items, each an integer >= 1, got [1]',
    ]);
  });
});
