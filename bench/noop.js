#!/usr/bin/env node
// `npm run bench:noop -- [--project DIR] [--runs N] [--against OTHER_PIPE_CHECKOUT] [--json]`
//
// A warm no-op `pipe status` on a real project (default: this repository, with its FER2013
// pipeline, its pipeline.lock and the stat cache of earlier runs), through the real CLI: the
// number a user feels after `npx pipe repro` has nothing left to do. bench:engine measures the
// same thing on a synthetic one-stage project; this one has real YAML, real params and a real
// lock. With --against, it runs another checkout's bin/pipe.js on the same project, alternating
// the two run by run, so drift in the machine's speed hits both alike (an A/B of two builds).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';
import { buildsToCompare, median, positiveInt, timeNode } from './measure.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = 'usage: npm run bench:noop -- [--project DIR] [--runs N] [--against OTHER_PIPE_CHECKOUT] [--json]';

const { values: args } = parseScriptArgs({
  name: 'bench:noop',
  usage: USAGE,
  options: {
    project: { type: 'string', default: REPO },
    runs: { type: 'string', default: '15' },
    against: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const runs = positiveInt('--runs', args.runs, usageError);
const project = path.resolve(args.project);
if (!fs.existsSync(path.join(project, 'pipeline.yaml'))) usageError(`--project ${args.project}: no pipeline.yaml there`);
const builds = buildsToCompare(REPO, args.against, usageError);

// one untimed run each: fills the stat and YAML caches, and must already be a no-op
for (const b of builds) {
  const r = once(b.bin);
  if (r.code !== 0 || r.stdout !== 'Everything is up to date.\n') {
    fail(`${b.name}: \`pipe status\` in ${project} is not a clean no-op (exit ${r.code}):\n${r.stdout}${r.stderr}\nrun \`npx pipe repro\` there first`);
  }
}
const samples = builds.map(() => ({ ms: [], cpuMs: [] }));
const loadBefore = os.loadavg();
for (let i = 0; i < runs; i++) {
  builds.forEach((b, k) => {
    const r = once(b.bin);
    samples[k].ms.push(r.ms);
    samples[k].cpuMs.push(r.cpuMs);
  });
}
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length}-core ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  load: { before: loadBefore, after: os.loadavg() },
  project,
  runs,
  builds: builds.map((b, k) => ({ name: b.name, medianMs: median(samples[k].ms), minMs: Math.min(...samples[k].ms), medianCpuMs: median(samples[k].cpuMs), ms: samples[k].ms.map(Math.round) })),
};
if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  const f = (n) => (Number.isNaN(n) ? '-' : `${Math.round(n)} ms`);
  console.log(`Measured ${results.date} on ${results.machine}; load ${loadBefore.map((x) => x.toFixed(2)).join(' / ')} before`);
  console.log(`warm no-op \`pipe status\` in ${project}, ${runs} runs each${builds.length > 1 ? ', alternating' : ''}:\n`);
  console.log('| build | median wall | min wall | median CPU |');
  console.log('| --- | --- | --- | --- |');
  for (const b of results.builds) console.log(`| ${b.name} | ${f(b.medianMs)} | ${f(b.minMs)} | ${f(b.medianCpuMs)} |`);
}

function once(bin) {
  return timeNode([bin, 'status'], project);
}

function fail(message) {
  process.stderr.write(`bench:noop: ${message}\n`);
  process.exit(2);
}

/** A bad argument: what is wrong and the usage line, exit 2. */
function usageError(message) {
  scriptUsageError('bench:noop', USAGE, message);
}
