#!/usr/bin/env node
// `npm run bench:engine -- --data <folder> [--runs N] [--big-mb M] [--json]`
//
// Measures the engine's speed and memory on a real data folder (FER2013: 35,887 small JPEGs), in a
// throw-away project whose one stage depends on that folder through a symlink:
//   1. cold hashing of the folder (no stat cache), in a fresh process, median of 3;
//   2. the first `pipe repro` (cold: hashes, runs the stage, caches its out);
//   3. warm no-op `pipe status` and `pipe repro` through the real CLI (bin/pipe.js), median of N,
//      first with the folder watcher off (PIPE_WATCH=0: every run walks the folder), then as a
//      user gets it (the watcher on: two warm-up runs start the daemon and record its token);
//   4. hashing one large generated file (default 1 GiB), MB/s, median of 3;
//   5. peak RSS of every process above (from /usr/bin/time when present, else the process itself).
// It imports the compiled stores from dist/ (run `npm run build` first) and prints a Markdown
// section for BENCHMARKS.md (or JSON with --json). Everything it creates is removed at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';
import { median as medianOf, RSS_SOURCE, timeNode } from './measure.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PIPE_BIN = path.join(REPO, 'bin', 'pipe.js');
const STORES = path.join(REPO, 'dist', 'stores', 'index.js');

const USAGE = 'usage: npm run bench:engine -- --data <folder> [--runs N] [--big-mb M] [--json]';

const { values: args } = parseScriptArgs({
  name: 'bench:engine',
  usage: USAGE,
  options: {
    data: { type: 'string' },
    runs: { type: 'string', default: '7' },
    'big-mb': { type: 'string', default: '1024' },
    json: { type: 'boolean', default: false },
    // internal: the measured child processes
    'child-hash': { type: 'string' },
    'child-file': { type: 'string' },
  },
});

if (args['child-hash'] !== undefined) await childHashDir(args['child-hash']);
else if (args['child-file'] !== undefined) await childHashFile(args['child-file']);
else await main();

/** Child: hash `<project>/data/dep` with an empty, in-memory stat cache; print JSON timings. */
async function childHashDir(project) {
  const { Hasher, StatCache } = await import(pathToFileURL(STORES).href);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const info = await new Hasher(project, { statCache: StatCache.inMemory() }).hashPath('data/dep');
  const ms = performance.now() - t0;
  const cpuMs = cpuOf(process.cpuUsage(c0));
  process.stdout.write(JSON.stringify({ ms, cpuMs, info, rssMB: process.resourceUsage().maxRSS / 1024 }));
}

/** Child: hash one file (a workspace path relative to its folder); print JSON timings. */
async function childHashFile(file) {
  const { hashPath } = await import(pathToFileURL(STORES).href);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const info = await hashPath(path.dirname(file), path.basename(file));
  const ms = performance.now() - t0;
  const cpuMs = cpuOf(process.cpuUsage(c0));
  process.stdout.write(JSON.stringify({ ms, cpuMs, info, rssMB: process.resourceUsage().maxRSS / 1024 }));
}

function cpuOf(usage) {
  return (usage.user + usage.system) / 1000;
}

async function main() {
  if (!args.data) usageError('--data is required');
  const data = path.resolve(args.data);
  if (!fs.existsSync(data) || !fs.statSync(data).isDirectory()) usageError(`--data ${args.data}: not a directory`);
  const runs = positiveInt(args.runs, '--runs');
  const bigMB = positiveInt(args['big-mb'], '--big-mb');
  if (!fs.existsSync(STORES)) fail(`${path.relative(REPO, STORES)} not found: run \`npm run build\` first`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-bench-engine-'));
  const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
  process.on('exit', cleanup);
  const loadBefore = os.loadavg();
  const project = path.join(work, 'project');
  fs.mkdirSync(path.join(project, 'data'), { recursive: true });
  fs.symlinkSync(data, path.join(project, 'data', 'dep'));
  fs.writeFileSync(
    path.join(project, 'pipeline.yaml'),
    'stages:\n  count:\n    cmd: find data/dep/ -type f | wc -l > count.txt\n    deps: [data/dep]\n    outs: [count.txt]\n',
  );

  log(`project ${project} (data/dep → ${data})`);
  const cold = [];
  for (let i = 0; i < 3; i++) cold.push(measureNode([fileURLToPath(import.meta.url), '--child-hash', project], project, true));
  const coldInfo = cold[0].child.info;
  log(`cold hash: ${cold.map((c) => c.child.ms.toFixed(0)).join(', ')} ms (${coldInfo.nfiles} files, ${(coldInfo.size / 1e6).toFixed(1)} MB)`);

  // the user's environment decides nothing here: CI or PIPE_WATCH set would change what is measured
  const env = { ...process.env, CI: '' };
  delete env.PIPE_WATCH;
  const firstRepro = measureNode([PIPE_BIN, 'repro'], project, false, env);
  if (firstRepro.code !== 0) fail(`first pipe repro failed (exit ${firstRepro.code}):\n${firstRepro.stdout}${firstRepro.stderr}`);
  log(`first repro: ${firstRepro.ms.toFixed(0)} ms`);
  const walking = warmRuns(project, runs, { ...env, PIPE_WATCH: '0' });
  log(`walking: warm status ${walking.status.map((s) => s.ms.toFixed(0)).join(', ')} ms; warm repro ${walking.repro.map((s) => s.ms.toFixed(0)).join(', ')} ms`);
  // the watcher: the first run starts the daemon, the second walks and records its token
  const warmUp = [0, 1].map(() => measureNode([PIPE_BIN, 'status'], project, false, env));
  const daemonFile = path.join(project, '.pipe', 'watch', 'daemon.json');
  const daemonPid = fs.existsSync(daemonFile) ? JSON.parse(fs.readFileSync(daemonFile, 'utf8')).pid : undefined;
  if (daemonPid === undefined) fail('the folder watcher did not start (no .pipe/watch/daemon.json after two runs)');
  process.on('exit', () => {
    try {
      process.kill(daemonPid);
    } catch {
      // gone
    }
  });
  const watched = warmRuns(project, runs, env);
  const daemonRssMB = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${daemonPid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
  log(`watched: warm-up ${warmUp.map((s) => s.ms.toFixed(0)).join(', ')} ms; warm status ${watched.status.map((s) => s.ms.toFixed(0)).join(', ')} ms; warm repro ${watched.repro.map((s) => s.ms.toFixed(0)).join(', ')} ms`);

  const big = path.join(work, 'big.bin');
  writeBigFile(big, bigMB);
  const bigRuns = [];
  for (let i = 0; i < 3; i++) bigRuns.push(measureNode([fileURLToPath(import.meta.url), '--child-file', big], work, true));
  const mbps = bigRuns.map((b) => b.child.info.size / 1e6 / (b.child.ms / 1000));
  log(`large file: ${mbps.map((m) => m.toFixed(0)).join(', ')} MB/s`);

  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    loadAverageBefore: loadBefore.map((l) => +l.toFixed(2)),
    loadAverageAfter: os.loadavg().map((l) => +l.toFixed(2)),
    data: { path: data, files: coldInfo.nfiles, bytes: coldInfo.size },
    coldHashMs: { median: median(cold.map((c) => c.child.ms)), runs: cold.map((c) => round(c.child.ms)), cpuMedian: median(cold.map((c) => c.child.cpuMs)) },
    coldHashProcessWallMs: median(cold.map((c) => c.ms)),
    firstReproMs: round(firstRepro.ms),
    walking: { warmStatusMs: summary(walking.status), warmReproMs: summary(walking.repro) },
    watched: { warmUpMs: warmUp.map((s) => round(s.ms)), warmStatusMs: summary(watched.status), warmReproMs: summary(watched.repro), daemonPeakRssMB: round(daemonRssMB) },
    largeFile: { mb: bigMB, mbPerS: { median: median(mbps), runs: mbps.map(round), cpuMedian: median(bigRuns.map((b) => b.child.info.size / 1e6 / (b.child.cpuMs / 1000))) } },
    peakRssMB: {
      coldHash: round(Math.max(...cold.map((c) => c.rssMB))),
      firstRepro: round(firstRepro.rssMB),
      warmStatus: round(Math.max(...walking.status.map((s) => s.rssMB), ...watched.status.map((s) => s.rssMB))),
      warmRepro: round(Math.max(...walking.repro.map((s) => s.rssMB), ...watched.repro.map((s) => s.rssMB))),
      largeFile: round(Math.max(...bigRuns.map((b) => b.rssMB))),
    },
    rssSource: RSS_SOURCE,
  };
  process.stdout.write(args.json ? `${JSON.stringify(results, null, 2)}\n` : markdown(results));
}

/** `runs` pairs of warm no-op `pipe status` and `pipe repro` in `project`, with `env`. */
function warmRuns(project, runs, env) {
  const status = [];
  const repro = [];
  for (let i = 0; i < runs; i++) {
    const s = measureNode([PIPE_BIN, 'status'], project, false, env);
    if (s.code !== 0) fail(`pipe status failed (exit ${s.code}):\n${s.stdout}${s.stderr}`);
    status.push(s);
    const r = measureNode([PIPE_BIN, 'repro'], project, false, env);
    if (r.code !== 0 || !/up to date/i.test(r.stdout)) fail(`warm pipe repro did not report up to date (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    repro.push(r);
  }
  return { status, repro };
}

function summary(measured) {
  const ms = measured.map((s) => s.ms);
  return { median: median(ms), min: round(Math.min(...ms)), runs: ms.map(round), cpuMedian: median(measured.map((s) => s.cpuMs)) };
}

/** Runs `node <argv>` in `cwd` (bench/measure.js); with `childJson`, parses the child's report. */
function measureNode(argv, cwd, childJson = false, env = process.env) {
  const out = timeNode(argv, cwd, env);
  if (childJson) {
    if (out.code !== 0) fail(`measurement child failed (exit ${out.code}):\n${out.stderr}`);
    out.child = JSON.parse(out.stdout);
    if (Number.isNaN(out.rssMB)) out.rssMB = out.child.rssMB;
  }
  return out;
}

function writeBigFile(file, mb) {
  const block = Buffer.alloc(8 << 20);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  const fd = fs.openSync(file, 'w');
  try {
    let left = mb << 20;
    while (left > 0) {
      const n = Math.min(left, block.length);
      fs.writeSync(fd, block, 0, n);
      left -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function markdown(r) {
  const ok = (v, limit, higherIsBetter = false) => (higherIsBetter ? v >= limit : v <= limit) ? 'yes' : '**no**';
  const rss = Math.max(...Object.values(r.peakRssMB));
  return [
    `Measured ${r.date} on ${r.machine}; load average ${r.loadAverageBefore.join(' / ')} before, ${r.loadAverageAfter.join(' / ')} after`,
    `Other jobs share the machine, so wall-clock figures include waiting for a core. The CPU column`,
    `is user + system time of the process, or of the hashing call for the in-process rows. For a`,
    `folder of 10,000 files or more the warm walk is shared with a worker thread on the second core,`,
    `so a walking run's CPU is the sum of two threads and can exceed its wall clock; the targets are`,
    `wall-clock times. "walking": PIPE_WATCH=0, each run walks the folder; "watched": the default,`,
    `the folder watcher's daemon vouches for the folder (after ${r.watched.warmUpMs.length} warm-up runs: ${r.watched.warmUpMs.join(', ')} ms; the daemon's peak RSS ${r.watched.daemonPeakRssMB} MB).`,
    `Data: ${r.data.files} files, ${(r.data.bytes / 1e6).toFixed(1)} MB (\`${r.data.path}\`, a symlinked dep).`,
    '',
    '| measure | wall clock | CPU | target | met (wall / CPU) |',
    '| --- | --- | --- | --- | --- |',
    `| cold hash of the folder (no stat cache; OS page cache warm), median of 3 | ${r.coldHashMs.median} ms (${r.coldHashMs.runs.join(', ')}) | ${r.coldHashMs.cpuMedian} ms | ≤ 2000 ms | ${ok(r.coldHashMs.median, 2000)} / ${ok(r.coldHashMs.cpuMedian, 2000)} |`,
    `| first \`pipe repro\` (cold hash + run + cache), whole process | ${r.firstReproMs} ms | | | |`,
    ...['walking', 'watched'].flatMap((mode) => [
      `| warm no-op \`pipe status\`, ${mode}, whole process, median of ${r[mode].warmStatusMs.runs.length} | ${r[mode].warmStatusMs.median} ms (min ${r[mode].warmStatusMs.min}) | ${r[mode].warmStatusMs.cpuMedian} ms | ≤ 300 ms | ${ok(r[mode].warmStatusMs.median, 300)} / ${ok(r[mode].warmStatusMs.cpuMedian, 300)} |`,
      `| warm no-op \`pipe repro\`, ${mode}, whole process, median of ${r[mode].warmReproMs.runs.length} | ${r[mode].warmReproMs.median} ms (min ${r[mode].warmReproMs.min}) | ${r[mode].warmReproMs.cpuMedian} ms | ≤ 300 ms | ${ok(r[mode].warmReproMs.median, 300)} / ${ok(r[mode].warmReproMs.cpuMedian, 300)} |`,
    ]),
    `| hashing one ${r.largeFile.mb} MiB file (page cache warm), median of 3 | ${r.largeFile.mbPerS.median} MB/s (${r.largeFile.mbPerS.runs.join(', ')}) | ${r.largeFile.mbPerS.cpuMedian} MB/s | ≥ 500 MB/s | ${ok(r.largeFile.mbPerS.median, 500, true)} / ${ok(r.largeFile.mbPerS.cpuMedian, 500, true)} |`,
    `| peak RSS, any of the processes above (${r.rssSource}) | ${rss} MB (cold hash ${r.peakRssMB.coldHash}, first repro ${r.peakRssMB.firstRepro}, status ${r.peakRssMB.warmStatus}, repro ${r.peakRssMB.warmRepro}, large file ${r.peakRssMB.largeFile}) | | ≤ 200 MB | ${ok(rss, 200)} |`,
    '',
  ].join('\n');
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length}-core ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function median(xs) {
  return round(medianOf(xs));
}

function round(x) {
  return Math.round(x);
}

function positiveInt(v, name) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) usageError(`${name} must be a positive integer, got ${v}`);
  return n;
}

function log(msg) {
  process.stderr.write(`bench:engine: ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`bench:engine: ${msg}\n`);
  process.exit(1);
}

/** A bad or missing argument: what is wrong and the usage line, exit 2. */
function usageError(msg) {
  scriptUsageError('bench:engine', USAGE, msg);
}
