// Reading metrics/params data files and writing files atomically (temp file + rename), so
// every file we write is either the old or the new version, never half-written.
import { parse as parseYaml } from 'yaml';
import { YamlSource } from '../engine/yaml-source.js';
import { parseJsonData } from './json-data.js';
import { refuse, success, type Outcome } from './failure.js';

/**
 * A YAML file that does not parse, said as `pipe status` says it: `file:line:col: YAML syntax
 * error: ...`. Exit 2 by default (pipeline.yaml, params: a configuration error); a data file a
 * stage wrote passes its own exit code and hint.
 */
export function yamlSyntaxRefusal<T = never>(file: string, text: string, err: unknown, opts: { exitCode?: 1 | 2; hint?: string } = {}): Outcome<T> {
  const f = YamlSource.parse(file, text).failures[0];
  const where = f?.location === undefined ? file : `${file}:${f.location.line}:${f.location.col}`;
  const message = f?.location === undefined ? `cannot parse YAML: ${(err as Error).message.split('\n')[0]}` : f.message;
  return refuse(message, { where, exitCode: opts.exitCode ?? 2, ...(opts.hint !== undefined ? { hint: opts.hint } : {}) });
}

/** Parses a metrics/params/plots file by its extension: JSON, or YAML for .yaml/.yml. */
export function parseDataFile(name: string, text: string): Outcome<unknown> {
  if (/\.ya?ml$/i.test(name)) {
    try {
      return success(parseYaml(text) as unknown);
    } catch (err) {
      return yamlSyntaxRefusal(name, text, err, { exitCode: 1, hint: 'fix the file or rerun the stage that writes it' });
    }
  }
  // NaN, Infinity and -Infinity as Python's json.dump writes them, read as numbers
  const parsed = parseJsonData(text);
  if (parsed.ok) return success(parsed.value);
  return refuse(`not valid JSON: ${parsed.message}`, { where: `${name}:${parsed.line}:${parsed.col}`, hint: 'fix the file or rerun the stage that writes it' });
}

// One atomic-write implementation for the whole CLI: the stores' (temp file, fsync, rename).
export { writeFileAtomic } from '../stores/atomic.js';
export { readIfExists } from '../stores/write-together.js';
