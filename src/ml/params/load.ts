// Loads one section of params.yaml (`ingest:`, `split:`, `train:` ...) and validates it against
// that section's JSON schema. Every problem becomes a Failure located at the offending YAML
// node, e.g. `params.yaml:14:3: train.learnin_rate: unknown key (known: ...)` or
// `params.yaml:9:18: train.batch_size must be an integer >= 1, got "128"`.
// Each section's schema lives in its own module (./ingest.ts, ./split.ts ...) built with
// defineSection; stages call requireParams(section) and get a typed, defaults-filled object.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { EXIT_BAD_PARAMS, FailureError, fail, ok, type Failure, type Result } from '../failure.js';
import { compileSchema, type JSONSchemaType, type SchemaError, type Validate } from './validator.js';

export type { JSONSchemaType };

export const PARAMS_FILE = 'params.yaml';

type PathSegment = string | number;

export interface Refinement {
  /** path of the offending value inside the section, e.g. ['train'] or ['fractions', 0] */
  path: PathSegment[];
  message: string;
}

export interface ParamsSection<T> {
  name: string;
  schema: JSONSchemaType<T>;
  /** checks across keys that a schema cannot express (e.g. fractions summing to 1) */
  refine?: (value: T) => Refinement[];
  validate: Validate;
}

export function defineSection<T>(
  name: string,
  schema: JSONSchemaType<T>,
  refine?: (value: T) => Refinement[],
): ParamsSection<T> {
  const section: ParamsSection<T> = { name, schema, validate: compileSchema(schema) };
  if (refine !== undefined) section.refine = refine;
  return section;
}

/** Reads `file` and returns the validated section, or failures located in that file. */
export async function loadParams<T>(section: ParamsSection<T>, file: string = PARAMS_FILE): Promise<Result<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return fail({
      where: file,
      message: 'not found',
      hint: `the stages read their settings from ${PARAMS_FILE} at the project root; create it with a "${section.name}:" section`,
    });
  }
  return parseParams(text, file, section);
}

/** loadParams for stage scripts: throws FailureError (exit code 2) instead of returning failures. */
export async function requireParams<T>(section: ParamsSection<T>, file: string = PARAMS_FILE): Promise<T> {
  const r = await loadParams(section, file);
  if (!r.ok) throw new FailureError(r.failures, EXIT_BAD_PARAMS);
  return r.value;
}

/** The pure part of loadParams: `text` is the YAML, `file` only names it in failures. */
export function parseParams<T>(text: string, file: string, section: ParamsSection<T>): Result<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return file;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    return fail(
      ...doc.errors.map((e) => ({
        where: at(e.pos[0]),
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    return fail({ where: at(contents.range?.[0]), message: `expected a mapping of sections (ingest:, split:, ...) at the top level` });
  }
  const all = (doc.toJS() ?? {}) as Record<string, unknown>;
  // A missing or empty section validates as {}: defaults apply and required keys are reported.
  const raw = all[section.name] ?? {};
  const errors = section.validate(raw);
  const located: Array<Failure & { offset: number }> = [];
  const push = (offset: number | undefined, message: string): void => {
    located.push({ where: at(offset), message, offset: offset ?? -1 });
  };
  // ajv reports one error per failed keyword (type and minimum, say) for the same value; our
  // message already describes all of a value's constraints, so keep one per value (or per
  // unknown / missing key).
  const seen = new Set<string>();
  for (const e of errors) {
    const key = `${e.instancePath}|${String(e.params.additionalProperty ?? e.params.missingProperty ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    located.push(describeError(e, pointerToPath(e.instancePath), section, doc, raw, at));
  }
  if (located.length === 0 && section.refine !== undefined) {
    for (const r of section.refine(raw as T)) {
      push(nodeAt(doc, [section.name, ...r.path])?.range?.[0] ?? sectionKeyOffset(doc, section.name), `${dotted(section.name, r.path)}: ${r.message}`);
    }
  }
  if (located.length > 0) {
    located.sort((a, b) => a.offset - b.offset);
    return fail(...located.map(({ where, message }) => ({ where, message })));
  }
  return ok(raw as T);
}

function describeError<T>(
  e: SchemaError,
  segs: PathSegment[],
  section: ParamsSection<T>,
  doc: Document,
  raw: unknown,
  at: (offset: number | undefined) => string,
): Failure & { offset: number } {
  const schema = schemaAt(section.schema, segs);
  const loc = (offset: number | undefined, message: string): Failure & { offset: number } => ({
    where: at(offset),
    message,
    offset: offset ?? -1,
  });
  if (e.keyword === 'additionalProperties') {
    const prop = String(e.params.additionalProperty);
    const known = Object.keys((schema?.properties ?? {}) as object);
    return loc(
      keyOffset(doc, [section.name, ...segs], prop),
      `${dotted(section.name, [...segs, prop])}: unknown key (known: ${known.join(', ')})`,
    );
  }
  if (e.keyword === 'required') {
    const prop = String(e.params.missingProperty);
    const propSchema = schemaAt(section.schema, [...segs, prop]);
    const offset = segs.length === 0 ? sectionKeyOffset(doc, section.name) : nodeAt(doc, [section.name, ...segs])?.range?.[0];
    return loc(offset, `${dotted(section.name, [...segs, prop])}: missing, expected ${describeSchema(propSchema)}`);
  }
  const value = valueAt(raw, segs);
  const node = nodeAt(doc, [section.name, ...segs]);
  const offset = node?.range?.[0] ?? sectionKeyOffset(doc, section.name);
  return loc(offset, `${dotted(section.name, segs)} must be ${describeSchema(schema)}, got ${show(value)}`);
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function dotted(section: string, segs: PathSegment[]): string {
  return segs.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : `${acc}.${s}`), section);
}

function valueAt(raw: unknown, segs: PathSegment[]): unknown {
  let v: unknown = raw;
  for (const s of segs) v = (v as Record<string | number, unknown> | undefined)?.[s];
  return v;
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type AnySchema = Record<string, unknown>;

function schemaAt(schema: unknown, segs: PathSegment[]): AnySchema | undefined {
  let s = schema as AnySchema | undefined;
  for (const seg of segs) {
    if (s === undefined) return undefined;
    if (typeof seg === 'number') s = s.items as AnySchema | undefined;
    else s = (s.properties as Record<string, AnySchema> | undefined)?.[seg];
  }
  return s;
}

/** "an integer >= 1", "a number > 0 and <= 1", "one of error, skip", ... for messages. */
export function describeSchema(s: AnySchema | undefined): string {
  if (s === undefined) return 'a valid value';
  let text: string;
  if (Array.isArray(s.enum)) text = `one of ${s.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
  else if (s.const !== undefined) text = JSON.stringify(s.const);
  else {
    switch (s.type) {
      case 'integer':
      case 'number': {
        const bounds: string[] = [];
        if (typeof s.minimum === 'number') bounds.push(`>= ${s.minimum}`);
        if (typeof s.exclusiveMinimum === 'number') bounds.push(`> ${s.exclusiveMinimum}`);
        if (typeof s.maximum === 'number') bounds.push(`<= ${s.maximum}`);
        if (typeof s.exclusiveMaximum === 'number') bounds.push(`< ${s.exclusiveMaximum}`);
        text = `${s.type === 'integer' ? 'an integer' : 'a number'}${bounds.length > 0 ? ' ' + bounds.join(' and ') : ''}`;
        break;
      }
      case 'string':
        text = typeof s.minLength === 'number' && s.minLength > 0 ? 'a non-empty string' : 'a string';
        break;
      case 'boolean':
        text = 'true or false';
        break;
      case 'array': {
        const n =
          typeof s.minItems === 'number' && s.minItems === s.maxItems ? `${s.minItems} ` : '';
        text = `a list of ${n}items, each ${describeSchema(s.items as AnySchema | undefined)}`;
        break;
      }
      case 'object':
        text = 'a mapping';
        break;
      default:
        text = 'a valid value';
    }
  }
  return s.nullable === true ? `${text} or null` : text;
}

function nodeAt(doc: Document, path: PathSegment[]): Node | undefined {
  const n = doc.getIn(path, true) as unknown;
  return n !== null && typeof n === 'object' && 'range' in n ? (n as Node) : undefined;
}

function keyOffset(doc: Document, mapPath: PathSegment[], key: string): number | undefined {
  const map = mapPath.length === 0 ? doc.contents : doc.getIn(mapPath, true);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair.key.range?.[0];
  }
  return map.range?.[0];
}

function sectionKeyOffset(doc: Document, section: string): number | undefined {
  return keyOffset(doc, [], section);
}
