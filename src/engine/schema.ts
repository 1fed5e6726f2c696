// pipeline.yaml's JSON schema and the one place that talks to ajv. Types are unions
// (`type: [string, object]`) rather than oneOf, so ajv reports one precise error per mistake.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Failure } from './failure.js';
import { PLOT_TEMPLATES } from './plot-templates.js';
import { closestName } from './suggest.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

const bool = { type: 'boolean' };
// DVC 3's annotations of an output, metric or plot (`desc`, `type`, `labels`, `meta`): read and
// kept as documentation, used by nothing (a misspelt one still gets its did-you-mean)
const annotations = { desc: { type: 'string' }, type: { type: 'string' }, labels: { type: 'array', items: { type: 'string' } }, meta: {} };
const outOptions = (extra: Record<string, unknown>, closed: boolean) => ({
  type: ['object', 'null'],
  // `push` and `remote` (DVC's) are transfer settings: read by push/pull/status -c, never part of a
  // stage's fingerprint or its lock entry
  properties: { cache: bool, persist: bool, push: bool, remote: { type: 'string', minLength: 1 }, ...annotations, ...extra },
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

// Plot entries carry the rendering options `pipe plots` reads (x, y, title, template), typed
// here with the template names it draws; any other key is refused, as DVC refuses unknown plot
// properties, since a misspelt one (`templat:`) would silently draw the default chart.
const plotOptions = outOptions(
  { x: { type: 'string' }, y: { type: ['string', 'array'] }, title: { type: 'string' }, template: { type: 'string', enum: PLOT_TEMPLATES } },
  true,
);

/** Plot properties DVC documents that `pipe plots` does not draw yet: refused with that said. */
const UNDRAWN_PLOT_KEYS = ['x_label', 'y_label', 'header'];

/** DVC 3's top-level sections, which pipe reads only inside a stage. */
const STAGE_ONLY_SECTIONS = ['plots', 'metrics', 'params'];

// DVC's `vars`: params files (`custom.yaml`, `custom.yaml:train,model`) or mappings of values
const vars = { type: 'array', items: { type: ['string', 'object'] } };

// What a stage says: shared by plain stages and by the `do:` block of a `foreach` stage.
const stageProperties = {
  cmd: { type: ['string', 'array'], minItems: 1, items: { type: 'string' } },
  wdir: { type: 'string' },
  deps: { type: 'array', items: { type: 'string' } },
  params: {
    type: 'array',
    items: {
      type: ['string', 'object'],
      // no keys (`other.yaml:` or `other.yaml: []`): the whole file, as DVC
      additionalProperties: { type: ['array', 'null'], items: { type: 'string' } },
    },
  },
  outs: outList(outOptions({}, true)),
  metrics: outList(outOptions({}, true)),
  plots: outList(plotOptions),
  frozen: bool,
  always_changed: bool,
  desc: { type: 'string' },
  // DVC's: any YAML a person or tool keeps beside the stage; pipe reads nothing in it
  meta: {},
  vars,
};
const stageBody = { type: 'object', required: ['cmd'], additionalProperties: false, properties: stageProperties };
// DVC's `matrix`: named lists (or `${key}` naming one in params.yaml); one stage per combination
const matrix = { type: 'object', minProperties: 1, additionalProperties: { type: ['array', 'string'] } };

export const pipelineSchema = {
  // an empty file (comments only) or `stages:` with nothing under it: a project with no stages yet
  type: ['object', 'null'],
  required: ['stages'],
  additionalProperties: false,
  properties: {
    vars,
    // any YAML kept beside the pipeline (as a stage's `meta`); pipe reads nothing in it
    meta: {},
    stages: {
      type: ['object', 'null'],
      propertyNames: { pattern: '^[A-Za-z0-9_-]+$' },
      additionalProperties: {
        type: 'object',
        // DVC's `foreach`/`do`: one stage per item (config.ts expands them); nothing else beside them.
        // Any other stage may carry a `matrix`.
        if: { required: ['foreach'] },
        then: {
          required: ['do'],
          additionalProperties: false,
          properties: { foreach: { type: ['array', 'object', 'string'] }, do: stageBody },
        },
        else: { ...stageBody, properties: { ...stageProperties, matrix } },
      },
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

/** Bump when the schema changes, so validation stamps from older versions are not trusted. */
export const SCHEMA_REVISION = 9;

function validator(): ValidateFunction {
  // ajv takes ~50-200 ms to load and compile; required lazily, so a warm no-op run whose
  // pipeline.yaml was already validated (see validation-stamp.ts) never pays it
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    compiled = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(pipelineSchema);
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
    // `if`/`then`/`else` add "must match then schema": the branch's own errors say what is wrong
    if (err.keyword === 'if') continue;
    // a template that is not a string at all: its type error says it
    if (err.keyword === 'enum' && typeof valueAt(source.toJS(), pointer(err.instancePath)) !== 'string') continue;
    // `do:` without `foreach:` also lacks `cmd`; the missing foreach is the one thing to say
    if (err.keyword === 'required' && err.params['missingProperty'] === 'cmd' && hasKey(source.toJS(), pointer(err.instancePath), 'do')) continue;
    // `stage:` for `stages:`: the unknown key's "did you mean 'stages'?" says it; "missing
    // 'stages'" beside it would only repeat it, less helpfully
    if (err.keyword === 'required' && misspelt(validate.errors ?? [], err)) continue;
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
export function describePath(fullPath: readonly PathSegment[]): string {
  if (fullPath.length === 0) return 'the top level';
  if (fullPath[0] === 'vars' && typeof fullPath[1] === 'number' && fullPath.length === 2) return `vars entry ${fullPath[1] + 1}`;
  if (fullPath[0] !== 'stages') return `key '${fullPath.join('.')}'`;
  if (fullPath.length === 1) return `'stages'`;
  // inside a foreach stage's template, say so and describe the rest as a plain stage's
  const inDo = fullPath[2] === 'do';
  const path = inDo ? [...fullPath.slice(0, 2), ...fullPath.slice(3)] : fullPath;
  const stage = inDo ? `the 'do' block of stage '${String(path[1])}'` : `stage '${String(path[1])}'`;
  if (path.length === 2) return stage;
  const [, , key, index, ...rest] = path;
  if (index === undefined) return `key '${String(key)}' of ${stage}`;
  if (rest.length === 0) {
    return typeof index === 'number' ? `${String(key)} entry ${index + 1} of ${stage}` : `${String(key)} entry '${index}' of ${stage}`;
  }
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

/** Whether the key `required` misses is there misspelt: an unknown key beside it that is closest to it. */
function misspelt(errors: readonly ErrorObject[], required: ErrorObject): boolean {
  const missing = String(required.params['missingProperty']);
  return errors.some((e) => {
    if (e.keyword !== 'additionalProperties' || e.instancePath !== required.instancePath) return false;
    const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    return closestName(String(e.params['additionalProperty']), known) === missing;
  });
}

function hasKey(data: unknown, path: readonly PathSegment[], key: string): boolean {
  const v = valueAt(data, path);
  return v !== null && typeof v === 'object' && !Array.isArray(v) && key in v;
}

function toFailure(err: ErrorObject, source: YamlSource): Failure {
  const path = pointer(err.instancePath);
  const where = describePath(path);
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      if (path.length === 2 && path[0] === 'stages') {
        const stage = `stage '${String(path[1])}'`;
        if (key === 'do') {
          return source.failureAtPath('schema', `${stage} has 'do' but no 'foreach': add 'foreach:' with the items to repeat 'do' for, or put the stage's keys directly under it`, path, key);
        }
        if (hasKey(source.toJS(), path, 'foreach')) {
          return source.failureAtPath('schema', `key '${key}' of ${stage} belongs inside its 'do' block: a foreach stage holds only 'foreach' and 'do'`, path, key);
        }
      }
      // a stage written at the top level (its name not indented under `stages:`)
      if (path.length === 0 && (hasKey(source.toJS(), [key], 'cmd') || hasKey(source.toJS(), [key], 'foreach'))) {
        return source.failureAtPath('schema', `unknown key '${key}' in the top level: it holds a stage's keys; did you mean to put stage '${key}' under 'stages:' (indent it by 2)?`, path, key);
      }
      if (path.length === 0 && STAGE_ONLY_SECTIONS.includes(key)) {
        return source.failureAtPath('schema', `top-level '${key}:' (DVC 3) is not read by pipe: declare ${key} under the stage that ${key === 'params' ? 'reads them' : 'writes them'} (stages.<name>.${key})`, path, key);
      }
      if (path[path.length - 3] === 'plots' && UNDRAWN_PLOT_KEYS.includes(key)) {
        return source.failureAtPath('schema', `'${key}' in ${where} is a DVC plot property pipe does not draw yet: remove it (pipe plots reads x, y, title and template)`, path, key);
      }
      // verbose errors carry the schema that refused the key: its known keys give a "did you mean"
      const known = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = closestName(key, known);
      return source.failureAtPath('schema', `unknown key '${key}' in ${where}${near === undefined ? '' : `: did you mean '${near}'?`}`, path, key);
    }
    case 'required':
      return source.failureAtPath('schema', `${where} is missing required key '${String(params['missingProperty'])}'`, path);
    case 'type': {
      const actual = actualType(valueAt(source.toJS(), path));
      return source.failureAtPath('schema', `${where} must be ${typeWords(params['type'])}, not ${actual}`, path);
    }
    case 'propertyNames': {
      const name = String(params['propertyName'] ?? '');
      return source.failureAtPath('schema', `invalid stage name '${name}': use only ASCII letters (a-z, A-Z), digits, '_' and '-'`, path, name);
    }
    case 'minItems':
    case 'minLength':
      return source.failureAtPath('schema', `${where} must not be empty`, path);
    case 'enum': {
      const value = valueAt(source.toJS(), path);
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const near = typeof value === 'string' ? closestName(value, allowed) : undefined;
      // the one enum: a plots entry's template (`stages.<s>.plots.<i>.<file>.template`)
      const entry = path[path.length - 1] === 'template' ? describePath(path.slice(0, -1)).replace(/^the options of /, '') : where;
      return source.failureAtPath(
        'schema',
        `unknown template '${String(value)}' in ${entry}${near === undefined ? '' : `: did you mean '${near}'?`} (known: ${allowed.join(', ')})`,
        path,
      );
    }
    case 'minProperties':
    case 'maxProperties':
      if (path.length === 3 && path[2] === 'matrix') return source.failureAtPath('schema', `${where} must name at least one list`, path);
      return source.failureAtPath('schema', `${where} must be a path or a single 'path: {options}' mapping`, path);
    default:
      return source.failureAtPath('schema', `${where} ${err.message ?? 'is invalid'}`, path);
  }
}
