// pipeline.yaml's JSON schema and the one place that talks to ajv. Types are unions
// (`type: [string, object]`) rather than oneOf, so ajv reports one precise error per mistake.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Failure } from './failure.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

const bool = { type: 'boolean' };
const outOptions = (extra: Record<string, unknown>, closed: boolean) => ({
  type: ['object', 'null'],
  properties: { cache: bool, persist: bool, ...extra },
  additionalProperties: !closed,
});
const outList = (options: object) => ({
  type: 'array',
  items: {
    type: ['string', 'object'],
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: options,
  },
});

// Plot entries carry rendering options (x, y, title, template...) for `pipe plots`; their
// shape belongs to that command, so only the options the engine reads are typed here.
const plotOptions = outOptions(
  { x: { type: 'string' }, y: { type: ['string', 'array'] }, title: { type: 'string' }, template: { type: 'string' } },
  false,
);

export const pipelineSchema = {
  type: 'object',
  required: ['stages'],
  additionalProperties: false,
  properties: {
    stages: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9_-]+$' },
      additionalProperties: {
        type: 'object',
        required: ['cmd'],
        additionalProperties: false,
        properties: {
          cmd: { type: ['string', 'array'], minItems: 1, items: { type: 'string' } },
          wdir: { type: 'string' },
          deps: { type: 'array', items: { type: 'string' } },
          params: {
            type: 'array',
            items: {
              type: ['string', 'object'],
              additionalProperties: { type: 'array', items: { type: 'string' } },
            },
          },
          outs: outList(outOptions({}, true)),
          metrics: outList(outOptions({}, true)),
          plots: outList(plotOptions),
          frozen: bool,
          always_changed: bool,
          desc: { type: 'string' },
        },
      },
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

/** Bump when the schema changes, so validation stamps from older versions are not trusted. */
export const SCHEMA_REVISION = 1;

function validator(): ValidateFunction {
  // ajv takes ~50-200 ms to load and compile; required lazily, so a warm no-op run whose
  // pipeline.yaml was already validated (see validation-stamp.ts) never pays it
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    compiled = new Ajv({ allErrors: true, strict: false }).compile(pipelineSchema);
  }
  return compiled;
}

/** Validates the parsed pipeline.yaml; each schema error becomes a located failure. */
export function validatePipeline(data: unknown, source: YamlSource): Failure[] {
  const validate = validator();
  if (validate(data)) return [];
  const failures: Failure[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    // a bad stage name is reported twice: by `pattern` inside propertyNames, then by propertyNames
    if (err.schemaPath.includes('/propertyNames/')) continue;
    const f = toFailure(err, source);
    const key = `${f.location?.line}:${f.location?.col}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    failures.push(f);
  }
  // in file order, as a reader goes through the file
  return failures.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0));
}

function pointer(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Words for where a value sits: `key 'deps' of stage 'train'`, `deps entry 2 of stage 'train'`. */
export function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the top level';
  if (path[0] !== 'stages') return `key '${path.join('.')}'`;
  if (path.length === 1) return `'stages'`;
  const stage = `stage '${String(path[1])}'`;
  if (path.length === 2) return stage;
  const [, , key, index, ...rest] = path;
  if (index === undefined) return `key '${String(key)}' of ${stage}`;
  if (rest.length === 0) return `${String(key)} entry ${Number(index) + 1} of ${stage}`;
  const [name, ...deeper] = rest;
  const entry = `${String(key)} entry '${String(name)}' of ${stage}`;
  return deeper.length === 0 ? `the options of ${entry}` : `item ${deeper.map(String).join('.')} of ${entry}`;
}

function typeWords(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  const words: Record<string, string> = {
    string: 'a string', array: 'a list', object: 'a mapping', boolean: 'true or false', null: 'empty',
  };
  return list.map((x) => words[String(x)] ?? String(x)).join(' or ');
}

function actualType(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) v = (v as Record<string | number, unknown> | null | undefined)?.[seg];
  return v;
}

function toFailure(err: ErrorObject, source: YamlSource): Failure {
  const path = pointer(err.instancePath);
  const where = describePath(path);
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      return source.failureAtPath('schema', `unknown key '${key}' in ${where}`, path, key);
    }
    case 'required':
      return source.failureAtPath('schema', `${where} is missing required key '${String(params['missingProperty'])}'`, path);
    case 'type': {
      const actual = actualType(valueAt(source.toJS(), path));
      return source.failureAtPath('schema', `${where} must be ${typeWords(params['type'])}, not ${actual}`, path);
    }
    case 'propertyNames': {
      const name = String(params['propertyName'] ?? '');
      return source.failureAtPath('schema', `invalid stage name '${name}': use only letters, digits, '_' and '-'`, path, name);
    }
    case 'minItems':
      return source.failureAtPath('schema', `${where} must not be empty`, path);
    case 'minProperties':
    case 'maxProperties':
      return source.failureAtPath('schema', `${where} must be a path or a single 'path: {options}' mapping`, path);
    default:
      return source.failureAtPath('schema', `${where} ${err.message ?? 'is invalid'}`, path);
  }
}
