// A project with a filled local cache and pipeline.lock, plus an empty directory remote, for the
// push/pull tests. Built through the stores API (the same calls `pipe repro` makes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, onTestFinished } from 'vitest';
import { counted, type Rig } from '../rig.js';
import { Hasher, ObjectCache, RunCache, StatCache, fingerprint, writeLock, type LockFile } from '../../src/stores/index.js';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-remote-'));
  made.push(d);
  return d;
}

export function write(root: string, rel: string, text: string): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

export interface Fixture {
  base: string;
  /** the project that has produced everything */
  root: string;
  /** the remote directory (empty) */
  remote: string;
  lock: LockFile;
  runKey: string;
  /** hashes of the outs: prepare is a dir, model a file */
  prepared: string;
  model: string;
}

/** Two stages: `prepare` → dir data/prepared (2 files), `train` → file model.json. */
export async function producedProject(): Promise<Fixture> {
  const base = tempDir();
  const root = path.join(base, 'project');
  const remote = path.join(base, 'remote');
  fs.mkdirSync(root);
  write(root, 'pipeline.yaml', 'stages: {}\n');
  write(root, 'pipe.config.yaml', 'remote: ../remote\n');
  write(root, 'data/prepared/a.txt', 'A'.repeat(100));
  write(root, 'data/prepared/sub/b.txt', 'B'.repeat(50));
  write(root, 'model.json', '{"w":[1,2,3]}');
  const hasher = new Hasher(root, { statCache: StatCache.inMemory() });
  const objects = new ObjectCache(root);
  const prepared = (await objects.save('data/prepared', hasher))!;
  const model = (await objects.save('model.json', hasher))!;
  const lock: LockFile = {
    schema: '1',
    stages: {
      prepare: { cmd: 'prep', deps: [], params: {}, outs: [{ path: 'data/prepared', ...prepared }] },
      train: { cmd: 'train', deps: [{ path: 'data/prepared', ...prepared }], params: {}, outs: [{ path: 'model.json', ...model }] },
    },
  };
  await writeLock(root, lock);
  const runKey = fingerprint({ v: 1, stage: 'train', cmd: 'train' });
  await new RunCache(root).put(runKey, { stage: 'train', outs: { 'model.json': model } });
  return { base, root, remote, lock, runKey, prepared: prepared.hash, model: model.hash };
}

/** A fresh clone of the project: same pipeline.lock and config, no cache, no outs. */
export function freshClone(f: Fixture, name = 'clone'): string {
  const clone = path.join(f.base, name);
  fs.mkdirSync(clone);
  for (const name of ['pipeline.yaml', 'pipeline.lock', 'pipe.config.yaml']) fs.copyFileSync(path.join(f.root, name), path.join(clone, name));
  return clone;
}

/** Every file under a directory, relative, sorted, with its content. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), rel);
      else out[rel] = fs.readFileSync(path.join(d, e.name), 'latin1');
    }
  };
  walk(dir, '');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A directory remote beside `rig`'s project, named in its pipe.config.yaml; removed when the test ends. */
export function rigRemote(rig: Rig): string {
  const remote = path.join(rig.dir, '..', `${path.basename(rig.dir)}-remote`);
  fs.rmSync(remote, { recursive: true, force: true });
  rig.write({ 'pipe.config.yaml': `remote: ${remote}\n` });
  onTestFinished(() => fs.rmSync(remote, { recursive: true, force: true }));
  return remote;
}

/**
 * The two-stage project the end-to-end remote tests run, for a directory remote and for S3 alike:
 * `make` writes a folder, `sum` reads it; each counts its runs.
 */
export const MAKE_SUM_PIPELINE = `stages:
  make:
    cmd: ${counted('make', 'mkdir -p out && echo made > out/a.txt && echo more > out/b.txt')}
    outs: [out]
  sum:
    cmd: ${counted('sum', 'cat out/a.txt out/b.txt > total.txt')}
    deps: [out]
    outs: [total.txt]
`;

/**
 * NODE_OPTIONS that log, into `log`, each module specifier the CLI resolves that is one of
 * `packages` or under it (`@aws-sdk` matches `@aws-sdk/client-s3`): a module resolve hook, for
 * the tests that check a package is loaded only by the commands that need it.
 */
export function importLogger(log: string, packages: string[]): string {
  const dir = tempDir();
  const hooks = path.join(dir, 'hooks.mjs');
  fs.writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
const packages = ${JSON.stringify(packages)};
export async function resolve(specifier, context, next) {
  if (packages.some((p) => specifier === p || specifier.startsWith(p + '/'))) appendFileSync(${JSON.stringify(log)}, specifier + '\\n');
  return next(specifier, context);
}
`,
  );
  const register = path.join(dir, 'register.mjs');
  fs.writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  return `--import=${pathToFileURL(register).href}`;
}
