// The `yaml` package, loaded on first use. Why: a warm no-op run takes every YAML value from
// .pipe/yaml-cache.json (see yaml-value-cache.ts) and never parses, yet loading the parser's
// 260 KB was about 15 ms of its start-up. Modules on that path call yamlLib() where they need
// the parser instead of importing it. In the bundled CLI the package is its own CommonJS file
// next to the chunks (dist/bundle/yaml.cjs, built by scripts/bundle.mjs: one file loads faster
// than the package's 70); run from source (tests, tsx) it is the package itself.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/** Set by scripts/bundle.mjs (esbuild `define`) to the bundled parser's path; absent in source. */
declare const PIPE_YAML_BUNDLE: string | undefined;

const requireHere = createRequire(import.meta.url);
let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  return (lib ??= requireHere(typeof PIPE_YAML_BUNDLE === 'string' ? PIPE_YAML_BUNDLE : 'yaml') as typeof Yaml);
}
