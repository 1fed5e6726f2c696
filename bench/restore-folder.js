#!/usr/bin/env node
// `npm run bench:restore -- [--files N] [--runs R] [--against OTHER_PIPE_CHECKOUT] [--keep] [--json]`
//
// Putting back a big folder output when only one of its files differs: a throw-away project
// whose one stage writes N small files (default 20,000, 100 per subfolder) into `out/`, run once
// with `pipe repro`; then, R times each, through the real CLI:
//   - `pipe checkout` after deleting one file of `out/`,
//   - `pipe checkout --force` after editing one file (the edit is in no cache: checkout refuses
//     it without --force),
//   - `pipe repro` after deleting one file (the stage is up to date: repro restores its output).
// Every timed command must exit 0 and leave `out/` exactly as the stage wrote it, the stage never
// run again (its own counter). With --against, another checkout's bin/pipe.js does the same on the
// same project, alternating build by build, so drift in the machine's speed hits both alike (an
// A/B of two builds). The folder watcher is off (PIPE_WATCH=0): a restore writes files, which no
// watcher spares, and no daemon is left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';
import { buildsToCompare, median, positiveInt, timeNode } from './measure.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'bench:restore';
const USAGE = 'usage: npm run bench:restore -- [--files N] [--runs R] [--against OTHER_PIPE_CHECKOUT] [--keep] [--json]';
const PER_FOLDER = 100;

const { values: args } = parseScriptArgs({
  name: NAME,
  usage: USAGE,
  options: {
    files: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    against: { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const files = positiveInt('--files', args.files, usageError);
const runs = positiveInt('--runs', args.runs, usageError);
const builds = buildsToCompare(REPO, args.against, usageError);

const env = { ...process.env, PIPE_WATCH: '0' };
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-bench-restore-'));
const rel = (i) => `d${String(Math.floor(i / PER_FOLDER)).padStart(4, '0')}/f${String(i).padStart(6, '0')}.txt`;
const content = (i) => `file ${i}\n`;

// the stage: writes the files, and counts its runs (none is expected after the first)
fs.writeFileSync(
  path.join(project, 'gen.mjs'),
  `import fs from 'node:fs';
fs.appendFileSync('.count', 'x');
for (let i = 0; i < ${files}; i++) {
  const dir = 'd' + String(Math.floor(i / ${PER_FOLDER})).padStart(4, '0');
  const rel = dir + '/f' + String(i).padStart(6, '0') + '.txt';
  fs.mkdirSync('out/' + dir, { recursive: true });
  fs.writeFileSync('out/' + rel, 'file ' + i + '\\n');
}
`,
);
fs.writeFileSync(path.join(project, 'pipeline.yaml'), 'stages:\n  gen:\n    cmd: node gen.mjs\n    deps: [gen.mjs]\n    outs: [out]\n');

try {
  const first = timeNode([builds[0].bin, 'repro'], project, env);
  if (first.code !== 0) fail(`the first \`pipe repro\` failed (exit ${first.code}):\n${first.stdout}${first.stderr}`);
  check('after the first repro');

  const scenarios = [
    { name: '`pipe checkout`, 1 file deleted', argv: ['checkout'], spoil: (i) => fs.rmSync(path.join(project, 'out', rel(i))) },
    { name: '`pipe checkout --force`, 1 file edited', argv: ['checkout', '--force'], spoil: (i) => fs.writeFileSync(path.join(project, 'out', rel(i)), 'edited\n') },
    { name: '`pipe repro`, 1 file deleted', argv: ['repro'], spoil: (i) => fs.rmSync(path.join(project, 'out', rel(i))) },
  ];
  // untimed: one of each per build, so both start from a stat cache that knows the folder
  for (const b of builds) for (const s of scenarios) once(b, s, 0);
  const samples = scenarios.map(() => builds.map(() => []));
  const loadBefore = os.loadavg();
  for (let r = 0; r < runs; r++) {
    scenarios.forEach((s, si) => {
      builds.forEach((b, bi) => samples[si][bi].push(once(b, s, (r * 7919 + si * 104729 + bi * 31) % files)));
    });
  }
  const results = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length}-core ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    load: { before: loadBefore, after: os.loadavg() },
    files,
    runs,
    scenarios: scenarios.map((s, si) => ({
      name: s.name,
      builds: builds.map((b, bi) => {
        const ms = samples[si][bi].map((x) => x.ms);
        const cpuMs = samples[si][bi].map((x) => x.cpuMs);
        return { name: b.name, medianMs: median(ms), minMs: Math.min(...ms), medianCpuMs: median(cpuMs), ms: ms.map(Math.round) };
      }),
    })),
  };
  if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    const f = (n) => (Number.isNaN(n) ? '-' : `${(n / 1000).toFixed(2)} s`);
    console.log(`Measured ${results.date} on ${results.machine}; load ${loadBefore.map((x) => x.toFixed(2)).join(' / ')} before`);
    console.log(`restoring 1 file of a ${files}-file folder output, ${runs} runs each${builds.length > 1 ? ', alternating builds' : ''}:\n`);
    console.log('| command | build | median wall | min wall | median CPU |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const s of results.scenarios) for (const b of s.builds) console.log(`| ${s.name} | ${b.name} | ${f(b.medianMs)} | ${f(b.minMs)} | ${f(b.medianCpuMs)} |`);
  }
} finally {
  if (args.keep) process.stderr.write(`${NAME}: project kept in ${project}\n`);
  else fs.rmSync(project, { recursive: true, force: true });
}

/** Spoils file `i`, times the command, checks the folder is whole again; returns wall and CPU ms. */
function once(build, scenario, i) {
  scenario.spoil(i);
  const r = timeNode([build.bin, ...scenario.argv], project, env);
  if (r.code !== 0) fail(`${build.name}: \`pipe ${scenario.argv.join(' ')}\` exited ${r.code}:\n${r.stdout}${r.stderr}`);
  check(`${build.name}: after \`pipe ${scenario.argv.join(' ')}\``);
  return { ms: r.ms, cpuMs: r.cpuMs };
}

/** `out/` holds exactly the stage's files, and the stage ran once. */
function check(when) {
  const count = fs.readFileSync(path.join(project, '.count'), 'utf8').length;
  if (count !== 1) fail(`${when}: the stage ran ${count} times, expected once`);
  let n = 0;
  for (const d of fs.readdirSync(path.join(project, 'out'))) n += fs.readdirSync(path.join(project, 'out', d)).length;
  if (n !== files) fail(`${when}: out/ holds ${n} files, expected ${files}`);
  for (let i = 0; i < files; i++) {
    const text = fs.readFileSync(path.join(project, 'out', rel(i)), 'utf8');
    if (text !== content(i)) fail(`${when}: out/${rel(i)} holds ${JSON.stringify(text)}, expected ${JSON.stringify(content(i))}`);
  }
}

function fail(message) {
  process.stderr.write(`${NAME}: ${message}\n`);
  if (!args.keep) fs.rmSync(project, { recursive: true, force: true });
  process.exit(1);
}

function usageError(message) {
  scriptUsageError(NAME, USAGE, message);
}
