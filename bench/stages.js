#!/usr/bin/env node
// `npm run bench:stages -- [--stages N] [--shape wide|chain] [--never-run] [--against OTHER_PIPE_CHECKOUT] [--json]`
//
// How the engine scales with the number of stages, through the real CLI (bin/pipe.js), in a
// throw-away git project of N generated stages whose commands cost next to nothing (`cp` of a
// one-line file), so what is measured is pipe's own work per stage:
//   wide:  N independent stages `sI`, `cp in/I.txt out/I.txt`
//   chain: `s0` copies in/0.txt, each `sI` copies the output of `sI-1`
// Timed, each once (CPU is user + system of the process and its children, from /usr/bin/time;
// on a loaded machine compare CPU, not wall): `pipe status` and `pipe repro --dry` before any
// run (every stage would run: what they do per such stage), the first `pipe repro` (every stage runs and is
// recorded in pipeline.lock), a no-op `pipe status`, a no-op `pipe repro`, `pipe repro` after
// in/0.txt changed (wide: one stage reruns; chain: every stage reruns) and `pipe dag`. With
// --against, another checkout's bin/pipe.js does the same in its own project, and the two
// pipeline.lock files must be byte for byte the same. --never-run stops after the two steps before
// any run (10,000 stages: minutes rather than the hour the repros take on a loaded machine).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';
import { buildsToCompare, positiveInt, timeNode } from './measure.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = 'usage: npm run bench:stages -- [--stages N] [--shape wide|chain] [--never-run] [--against OTHER_PIPE_CHECKOUT] [--json]';

const { values: args } = parseScriptArgs({
  name: 'bench:stages',
  usage: USAGE,
  options: {
    stages: { type: 'string', default: '300' },
    shape: { type: 'string', default: 'wide' },
    against: { type: 'string' },
    'never-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const n = positiveInt('--stages', args.stages, usageError);
if (args.shape !== 'wide' && args.shape !== 'chain') usageError(`--shape ${args.shape}: expected wide or chain`);
const builds = buildsToCompare(REPO, args.against, usageError);

const neverRun = args['never-run'];
const STEPS = ['status, never run', 'repro --dry, never run', ...(neverRun ? [] : ['first repro', 'no-op status', 'no-op repro', 'repro, in/0.txt changed', 'dag'])];
const loadBefore = os.loadavg();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-bench-stages-'));
const measured = [];
try {
  for (const [k, b] of builds.entries()) {
    const dir = path.join(tmp, String(k));
    generate(dir);
    const env = { ...process.env, PIPE_WATCH: '0', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'generated');
    const rows = [];
    rows.push(step(b, dir, env, ['status'], STEPS[0]));
    rows.push(step(b, dir, env, ['repro', '--dry'], STEPS[1]));
    if (!neverRun) {
      rows.push(step(b, dir, env, ['repro'], STEPS[2]));
      rows.push(step(b, dir, env, ['status'], STEPS[3]));
      rows.push(step(b, dir, env, ['repro'], STEPS[4]));
      fs.writeFileSync(path.join(dir, 'in/0.txt'), 'changed\n');
      rows.push(step(b, dir, env, ['repro'], STEPS[5]));
      rows.push(step(b, dir, env, ['dag'], STEPS[6]));
    }
    // never run: no lock to compare, the status's own lines instead
    measured.push({ name: b.name, rows, lock: neverRun ? Buffer.from(rows[0].out) : fs.readFileSync(path.join(dir, 'pipeline.lock')) });
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const sameLock = measured.length < 2 || measured.every((m) => m.lock.equals(measured[0].lock));
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length}-core ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  load: { before: loadBefore, after: os.loadavg() },
  shape: args.shape,
  stages: n,
  builds: measured.map((m) => ({ name: m.name, steps: m.rows.map(({ out, ...row }) => row) })),
  ...(measured.length > 1 ? { sameLock } : {}),
};
if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  const f = (x) => (Number.isNaN(x) ? '-' : `${(x / 1000).toFixed(2)} s`);
  console.log(`Measured ${results.date} on ${results.machine}; load ${loadBefore.map((x) => x.toFixed(2)).join(' / ')} before, ${results.load.after.map((x) => x.toFixed(2)).join(' / ')} after`);
  console.log(`${n} ${args.shape === 'wide' ? 'independent' : 'chained'} stages, each step once; CPU = user + system, children included:\n`);
  console.log(`| step | ${measured.map((m) => `${m.name} CPU (wall)`).join(' | ')} |`);
  console.log(`| --- |${measured.map(() => ' --- |').join('')}`);
  for (const [i, s] of STEPS.entries()) console.log(`| ${s} | ${measured.map((m) => `${f(m.rows[i].cpuMs)} (${f(m.rows[i].ms)})`).join(' | ')} |`);
  if (measured.length > 1) console.log(`\n${neverRun ? 'pipe status output' : 'pipeline.lock after the runs'}: ${sameLock ? 'byte for byte the same' : 'DIFFERENT'}`);
}
if (!sameLock) process.exitCode = 1;

/** Writes the generated pipeline and its inputs into `dir`. */
function generate(dir) {
  fs.mkdirSync(path.join(dir, 'in'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'out'));
  const lines = ['stages:'];
  for (let i = 0; i < n; i++) {
    let dep = `in/${i}.txt`;
    if (args.shape === 'wide') fs.writeFileSync(path.join(dir, dep), `${i}\n`);
    else if (i === 0) fs.writeFileSync(path.join(dir, dep), '0\n');
    else dep = `out/${i - 1}.txt`;
    lines.push(`  s${i}:`, `    cmd: cp ${dep} out/${i}.txt`, '    deps:', `      - ${dep}`, '    outs:', `      - out/${i}.txt`);
  }
  fs.writeFileSync(path.join(dir, 'pipeline.yaml'), `${lines.join('\n')}\n`);
}

/** Runs one pipe command, which must succeed; its wall and CPU ms. */
function step(build, dir, env, argv, label) {
  const r = timeNode([build.bin, ...argv], dir, env);
  if (r.code !== 0) fail(`${build.name}: \`pipe ${argv.join(' ')}\` (${label}) exited ${r.code}:\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  return { step: label, ms: r.ms, cpuMs: r.cpuMs, rssMB: r.rssMB, out: r.stdout + r.stderr };
}

function git(dir, ...argv) {
  const r = spawnSync('git', argv, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });
  if (r.status !== 0) fail(`git ${argv.join(' ')} in ${dir}: ${r.stderr}`);
}

function fail(message) {
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`bench:stages: ${message}\n`);
  process.exit(2);
}

/** A bad argument: what is wrong and the usage line, exit 2. */
function usageError(message) {
  scriptUsageError('bench:stages', USAGE, message);
}
