#!/usr/bin/env node
// `npm run bench:add -- [--files N] [--runs R] [--against OTHER_PIPE_CHECKOUT] [--keep] [--json]`
//
// Storing many small files: a throw-away git project with `data/<i/100>/<i>.txt` (N files, default
// 10,000, each a few bytes), then through the real CLI:
//   - `pipe add data` (hash + copy every file into the cache),
//   - `pipe push` to a folder remote (first push: every object sent),
//   - `pipe pull` after deleting the cache and `data/` (every object fetched, then checked out),
//   - `pipe checkout` after deleting one file of `data/`.
// Each command must exit 0; after the pull and the checkout `data/` must hold the N files as
// generated. With --against, another checkout's bin/pipe.js does the same in its own fresh
// project, alternating build by build, so drift in the machine's load hits both alike.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';
import { buildsToCompare, median, positiveInt, timeNode } from './measure.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'bench:add';
const USAGE = 'usage: npm run bench:add -- [--files N] [--runs R] [--against OTHER_PIPE_CHECKOUT] [--keep] [--json]';

const { values: args } = parseScriptArgs({
  name: NAME,
  usage: USAGE,
  options: {
    files: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '1' },
    against: { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const files = positiveInt('--files', args.files, usageError);
const runs = positiveInt('--runs', args.runs, usageError);
const builds = buildsToCompare(REPO, args.against, usageError);

const env = { ...process.env, PIPE_WATCH: '0', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const top = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-bench-add-'));
const rel = (i) => `data/${Math.floor(i / 100)}/${i}.txt`;
const content = (i) => `file ${i}\n`;

function sh(cwd, cmd, ...argv) {
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) fail(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
}
function pipe(build, cwd, ...argv) {
  const r = timeNode([build.bin, ...argv], cwd, env);
  if (r.code !== 0) fail(`${build.name}: pipe ${argv.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return r;
}
function checkData(project, what) {
  for (let i = 0; i < files; i++) {
    let text;
    try {
      text = fs.readFileSync(path.join(project, rel(i)), 'utf8');
    } catch {
      fail(`after ${what}: ${rel(i)} is missing`);
    }
    if (text !== content(i)) fail(`after ${what}: ${rel(i)} holds ${JSON.stringify(text)}`);
  }
}

const steps = ['add', 'push', 'pull', 'checkout'];
const results = Object.fromEntries(builds.map((b) => [b.name, Object.fromEntries(steps.map((s) => [s, []]))]));
for (let run = 0; run < runs; run++) {
  for (const build of builds) {
    const project = path.join(top, `p${run}-${builds.indexOf(build)}`);
    const remote = path.join(top, `r${run}-${builds.indexOf(build)}`);
    fs.mkdirSync(project);
    sh(project, 'git', 'init', '-q');
    pipe(build, project, 'init');
    for (let i = 0; i < files; i++) {
      const p = path.join(project, rel(i));
      if (i % 100 === 0) fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content(i));
    }
    sh(project, 'git', 'add', '-A');
    sh(project, 'git', 'commit', '-qm', 'init');
    const r = results[build.name];
    r.add.push(pipe(build, project, 'add', 'data'));
    pipe(build, project, 'remote', 'add', 'r', remote);
    pipe(build, project, 'remote', 'default', 'r');
    r.push.push(pipe(build, project, 'push'));
    fs.rmSync(path.join(project, '.pipe', 'cache'), { recursive: true, force: true });
    fs.rmSync(path.join(project, 'cache'), { recursive: true, force: true });
    fs.rmSync(path.join(project, 'data'), { recursive: true, force: true });
    r.pull.push(pipe(build, project, 'pull'));
    checkData(project, 'pull');
    fs.rmSync(path.join(project, rel(Math.floor(files / 2))));
    r.checkout.push(pipe(build, project, 'checkout'));
    checkData(project, 'checkout');
    if (!args.keep) {
      fs.rmSync(project, { recursive: true, force: true });
      fs.rmSync(remote, { recursive: true, force: true });
    }
  }
}
if (!args.keep) fs.rmSync(top, { recursive: true, force: true });

const rows = [];
for (const b of builds) {
  for (const s of steps) {
    const xs = results[b.name][s];
    rows.push({ build: b.name, command: s, wallS: median(xs.map((x) => x.ms)) / 1000, cpuS: median(xs.map((x) => x.cpuMs)) / 1000, rssMB: median(xs.map((x) => x.rssMB)) });
  }
}
const load = os.loadavg()[0].toFixed(1);
if (args.json) {
  console.log(JSON.stringify({ files, runs, load, rows }, null, 2));
} else {
  console.log(`${files} files, ${runs} run(s), load ${load}${args.keep ? `, kept in ${top}` : ''}`);
  console.log('| command | build | median wall | median CPU | median max RSS |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| \`pipe ${r.command}\` | ${r.build} | ${r.wallS.toFixed(2)} s | ${r.cpuS.toFixed(2)} s | ${r.rssMB.toFixed(0)} MB |`);
}

function fail(msg) {
  console.error(`${NAME}: ${msg}`);
  process.exit(1);
}
function usageError(msg) {
  scriptUsageError(NAME, USAGE, msg);
}
