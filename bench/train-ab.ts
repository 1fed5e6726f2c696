// npm run bench:train:ab -- --base <commit> --data <fer2013 folder> [--rounds 4] [--steps 10]
//   [--images 2048] [--no-torch] [--winograd | --winograd4]
//
// Is this working tree's training faster than <base>'s? On our shared 2-core machines the speed of
// the second core (and PyTorch's with it) drifts by tens of percent within minutes, so two
// `bench:train` runs made a quarter of an hour apart cannot tell a 10% change from the machine.
// This runs `bench:train --backends wasm-1,wasm-N` (PyTorch right after the wasm rows unless
// --no-torch) on this tree and on a `git worktree` of <base>, alternately, `rounds` times, the
// order flipping each round (head, base, base, head, ...), and prints one row per run, the means
// per side and the wasm / PyTorch ratio of each run (both measured within the same two minutes).
// Both sides are measured by this tree's bench scripts and params.yaml (copied into the worktree),
// so only the code under src/ differs; the base worktree uses this tree's node_modules.
// --winograd measures wasm-1-winograd and wasm-N-winograd instead (train.winograd: true), --winograd4
// wasm-1-winograd4 and wasm-N-winograd4 (train.winograd_tile: 4; both sides must have it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const COPIED = ['bench/train.ts', 'bench/default-model.ts', 'bench/torch_reference.py', 'params.yaml'];

interface Options {
  base: string;
  data: string;
  rounds: number;
  steps: number;
  images: number;
  torch: boolean;
  /** '' (direct), '-winograd' or '-winograd4': the suffix of the wasm backends measured */
  winograd: '' | '-winograd' | '-winograd4';
}

interface Run {
  round: number;
  side: 'head' | 'base';
  startedAt: string;
  /** train img/s (wall) and per CPU-s, by backend: wasm-1, wasm-N, pytorch-1, pytorch-N */
  rows: Map<string, { wall: number; perCpu: number }>;
  losses: string[];
}

const USAGE = 'usage: npm run bench:train:ab -- --base <commit> --data <fer2013 folder> [--rounds N] [--steps N] [--images N] [--no-torch] [--winograd | --winograd4]';

/** A bad or missing argument: what is wrong and the usage line, exit 2. */
function usageError(message: string): never {
  return scriptUsageError('bench:train:ab', USAGE, message);
}

function options(argv: string[]): Options {
  const { values } = parseScriptArgs({
    name: 'bench:train:ab',
    usage: USAGE,
    args: argv,
    options: {
      base: { type: 'string' },
      data: { type: 'string' },
      rounds: { type: 'string', default: '4' },
      steps: { type: 'string', default: '10' },
      images: { type: 'string', default: '2048' },
      'no-torch': { type: 'boolean', default: false },
      winograd: { type: 'boolean', default: false },
      winograd4: { type: 'boolean', default: false },
    },
  });
  const o: Options = {
    base: values.base ?? '',
    data: values.data ?? '',
    rounds: Number(values.rounds),
    steps: Number(values.steps),
    images: Number(values.images),
    torch: !values['no-torch'],
    winograd: values.winograd4 ? '-winograd4' : values.winograd ? '-winograd' : '',
  };
  if (o.base === '') usageError('--base is required');
  if (o.data === '') usageError('--data is required');
  if (!statSync(o.data, { throwIfNoEntry: false })?.isDirectory()) usageError(`--data ${o.data}: not a folder`);
  for (const name of ['rounds', 'steps', 'images'] as const) {
    if (!Number.isInteger(o[name]) || o[name] < 1) usageError(`--${name} needs a positive integer, got '${values[name]}'`);
  }
  if (values.winograd && values.winograd4) usageError('--winograd and --winograd4 measure different backends: give one');
  return o;
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/** One bench:train run in `cwd`; its rows parsed from the printed table. */
function benchOnce(cwd: string, o: Options, round: number, side: Run['side']): Run {
  const startedAt = new Date().toISOString().slice(11, 19);
  const args = ['--import', 'tsx', 'bench/train.ts', '--data', o.data, '--steps', String(o.steps), '--images', String(o.images), '--backends', `wasm-1${o.winograd},wasm-N${o.winograd}`];
  if (!o.torch) args.push('--no-torch');
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const rows: Run['rows'] = new Map();
  const losses: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const w = /^(wasm-\S+)\s+threads \d+\s+train\s+([\d.]+) img\/s \(([\d.]+) img per CPU-s\).*loss ([\d.]+)\)/.exec(line);
    if (w) {
      // wasm-N-winograd(4) counts as wasm-N: one kind of run per invocation
      rows.set(w[1]!.replace(/-winograd4?$/, ''), { wall: Number(w[2]), perCpu: Number(w[3]) });
      losses.push(w[4]!);
    }
    const p = /^pytorch \S+ threads (\d+)\s+train\s+([\d.]+) img\/s \(([\d.]+) img per CPU-s\)/.exec(line);
    if (p) rows.set(Number(p[1]) === 1 ? 'pytorch-1' : 'pytorch-N', { wall: Number(p[2]), perCpu: Number(p[3]) });
  }
  if (r.status !== 0 || (!rows.has('wasm-N') && !rows.has('wasm-1'))) throw new Error(`bench:train in ${cwd} failed (exit ${r.status}):\n${r.stdout}`);
  return { round, side, startedAt, rows, losses };
}

const f1 = (n: number | undefined): string => (n === undefined ? '' : n.toFixed(1));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function main(): void {
  const o = options(process.argv.slice(2));
  const base = spawnSync('git', ['rev-parse', '--quiet', '--verify', '--short', `${o.base}^{commit}`], { cwd: ROOT, encoding: 'utf8' });
  if (base.status !== 0) usageError(`--base ${o.base}: not a commit of this repository`);
  const baseCommit = base.stdout.trim();
  const head = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', 'src']) !== '';
  const tmp = mkdtempSync(join(os.tmpdir(), 'pipe-bench-ab-'));
  const tree = join(tmp, 'base');
  git(['worktree', 'add', '--detach', '--quiet', tree, baseCommit]);
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    for (const file of COPIED) copyFileSync(join(ROOT, file), join(tree, file));
    const cores = os.cpus().length;
    console.log(`${new Date().toISOString()} | ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${cores} cores, Node ${process.versions.node}`);
    console.log(`head: ${head}${dirty ? ' + uncommitted changes under src/' : ''} | base: ${baseCommit} | ${o.rounds} rounds, ${o.steps} steps of the default model each${o.winograd === '-winograd4' ? ', Winograd convolutions, tiles up to 4x4' : o.winograd ? ', Winograd convolutions' : ''}`);
    const runs: Run[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      const order: Array<Run['side']> = round % 2 === 1 ? ['head', 'base'] : ['base', 'head'];
      for (const side of order) {
        const run = benchOnce(side === 'head' ? ROOT : tree, o, round, side);
        runs.push(run);
        const g = (k: string): string => f1(run.rows.get(k)?.wall);
        console.log(`round ${round} ${side.padEnd(4)} ${run.startedAt}Z  wasm-1 ${g('wasm-1')}  wasm-N ${g('wasm-N')}  pytorch-1 ${g('pytorch-1')}  pytorch-N ${g('pytorch-N')} img/s  (loss ${run.losses.join(' / ')})`);
      }
    }
    console.log('');
    console.log('| round (UTC) | code | wasm 1 thread | wasm N threads | PyTorch 1 thread | PyTorch N threads | wasm / PyTorch, N threads (per CPU-s) |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const run of runs) {
      const w = run.rows.get('wasm-N');
      const p = run.rows.get('pytorch-N');
      const ratio = w && p ? `${(w.wall / p.wall).toFixed(2)}x (${(w.perCpu / p.perCpu).toFixed(2)}x)` : '';
      console.log(`| ${run.round}, ${run.startedAt} | ${run.side === 'head' ? head : baseCommit} | ${f1(run.rows.get('wasm-1')?.wall)} | ${f1(w?.wall)} | ${f1(run.rows.get('pytorch-1')?.wall)} | ${f1(p?.wall)} | ${ratio} |`);
    }
    console.log('');
    for (const key of ['wasm-1', 'wasm-N']) {
      const side = (s: Run['side']): number[] => runs.filter((r) => r.side === s).map((r) => r.rows.get(key)?.wall).filter((v): v is number => v !== undefined);
      const h = side('head');
      const b = side('base');
      if (h.length > 0 && b.length > 0) console.log(`${key}: head ${f1(mean(h))} img/s, base ${f1(mean(b))} (mean of ${h.length}), head / base ${(mean(h) / mean(b)).toFixed(3)}`);
    }
    const losses = new Set(runs.flatMap((r) => r.losses));
    console.log(losses.size === 1 ? `losses after ${o.steps} steps: all ${[...losses][0]} (same on both sides and thread counts)` : `losses after ${o.steps} steps differ: ${[...losses].join(', ')}`);
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT });
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
