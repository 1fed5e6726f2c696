#!/usr/bin/env node
// `npm run bench:gc-cloud -- [--entries N] [--local F] [--latency MS] [--runs R] [--against OTHER_PIPE_CHECKOUT] [--json]`
//
// `pipe gc -w -c -f` on an s3:// remote holding many run-cache entries: an S3 server (s3rver, the
// tests' test/remote/s3-server-process.mjs, answering each request after MS ms, default 20: a
// network's round trip) and a throw-away project of one stage (a file out and a folder out), run
// and pushed; then N run-cache entries (default 2,000) and N/4 stray objects are put straight into
// the bucket, a quarter of the entries on each of: the current file out (kept), the current folder
// out (kept), a stray object (removed with it), an object the remote lacks (removed); plus one
// entry that does not decode (removed). The first F of the entries (default 0.5) are also in the
// project's local run-cache, as the entries a clone pushed itself are. The gc must exit 0 and leave exactly the entries and
// objects expected. Each run fills a fresh prefix of the bucket. With --against, another
// checkout's bin/pipe.js does the same on its own prefix, alternating build by build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';
import { buildsToCompare, median, positiveInt, timeNode } from './measure.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'bench:gc-cloud';
const USAGE = 'usage: npm run bench:gc-cloud -- [--entries N] [--local F] [--latency MS] [--runs R] [--against OTHER_PIPE_CHECKOUT] [--json]';
const BUCKET = 'pipe-cache';

const { values: args } = parseScriptArgs({
  name: NAME,
  usage: USAGE,
  options: {
    entries: { type: 'string', default: '2000' },
    local: { type: 'string', default: '0.5' },
    latency: { type: 'string', default: '20' },
    runs: { type: 'string', default: '1' },
    against: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const entries = positiveInt('--entries', args.entries, usageError);
const localShare = Number(args.local);
if (!(localShare >= 0 && localShare <= 1)) usageError(`--local ${args.local}: expected a share from 0 to 1`);
const latency = Number(args.latency);
if (!Number.isInteger(latency) || latency < 0) usageError(`--latency ${args.latency}: expected a whole number of ms, 0 or more`);
const runs = positiveInt('--runs', args.runs, usageError);
const builds = buildsToCompare(REPO, args.against, usageError);
// the entries' encoding is this checkout's (build it first): the same bytes and ids a push writes
const { encodeRunEntry, RunCache } = await import(path.join(REPO, 'dist', 'stores', 'index.js'));
const { S3Client, ListObjectsV2Command, PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3');

const top = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-bench-gc-cloud-'));
const server = await startServer(path.join(top, 'bucket'));
const none = path.join(top, 'no-such-aws-file');
const env = {
  ...process.env, PIPE_WATCH: '0', PIPE_REMOTE: '', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b',
  AWS_ENDPOINT_URL: server.endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1',
  AWS_SHARED_CREDENTIALS_FILE: none, AWS_CONFIG_FILE: none, AWS_EC2_METADATA_DISABLED: 'true',
};
// the SDK's warning about Node 20 is the bench's own client's business: off for it alone
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const client = new S3Client({
  endpoint: server.endpoint, forcePathStyle: true, region: 'us-east-1', requestChecksumCalculation: 'WHEN_REQUIRED',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});

const PIPELINE = `stages:
  up:
    cmd: tr a-z A-Z < in.txt > out.txt && mkdir -p d && cp in.txt d/copy.txt && echo fixed > d/fixed.txt
    deps: [in.txt]
    outs: [out.txt, d]
`;

const results = Object.fromEntries(builds.map((b) => [b.name, []]));
try {
  for (let run = 0; run < runs; run++) {
    for (const build of builds) {
      const prefix = `bench/p${run}-${builds.indexOf(build)}`;
      const project = path.join(top, prefix.replace('/', '-'));
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, 'pipeline.yaml'), PIPELINE);
      fs.writeFileSync(path.join(project, 'pipe.config.yaml'), `remote: s3://${BUCKET}/${prefix}\n`);
      fs.writeFileSync(path.join(project, 'in.txt'), 'current\n');
      sh(project, 'git', 'init', '-q');
      sh(project, 'git', 'add', '-A');
      sh(project, 'git', 'commit', '-qm', 'init');
      pipe(build, project, 'repro');
      pipe(build, project, 'push');
      const expected = await fill(prefix, project);
      const gc = pipe(build, project, 'gc', '-w', '-c', '-f');
      const left = await keys(prefix);
      const same = (a, b) => a.length === b.length && a.every((k, i) => k === b[i]);
      if (!same(left.runs, expected.runs)) fail(`${build.name}: the gc left ${left.runs.length} run entries, ${expected.runs.length} expected`);
      if (!same(left.objects, expected.objects)) fail(`${build.name}: the gc left ${left.objects.length} objects, ${expected.objects.length} expected`);
      results[build.name].push(gc);
      fs.rmSync(project, { recursive: true, force: true });
    }
  }
} finally {
  await server.close();
  fs.rmSync(top, { recursive: true, force: true });
}

const rows = builds.map((b) => {
  const xs = results[b.name];
  return { build: b.name, wallS: median(xs.map((x) => x.ms)) / 1000, cpuS: median(xs.map((x) => x.cpuMs)) / 1000, rssMB: median(xs.map((x) => x.rssMB)) };
});
const load = os.loadavg()[0].toFixed(1);
if (args.json) {
  console.log(JSON.stringify({ entries, local: localShare, latency, runs, load, rows }, null, 2));
} else {
  console.log(`${entries} run-cache entries (${Math.round(entries * localShare)} also local), ${latency} ms per request, ${runs} run(s), load ${load}`);
  console.log('| command | build | median wall | median CPU | median max RSS |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| \`pipe gc -w -c -f\` | ${r.build} | ${r.wallS.toFixed(2)} s | ${r.cpuS.toFixed(2)} s | ${r.rssMB.toFixed(0)} MB |`);
}

/**
 * Puts the entries and stray objects under `prefix` (where a push put the current version) and
 * returns the run and object keys the gc must leave there.
 */
async function fill(prefix, project) {
  const localRuns = new RunCache(project);
  const pushed = await keys(prefix);
  if (pushed.runs.length !== 1) fail(`the push left ${pushed.runs.length} run entries under ${prefix}, 1 expected`);
  const text = await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: pushed.runs[0] }))).Body.transformToString();
  const current = JSON.parse(text).outs;
  const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
  const objectKey = (h) => `${prefix}/objects/${h.slice(0, 2)}/${h.slice(2)}`;
  const runKey = (k, id) => `${prefix}/runs/${k.slice(0, 2)}/${k.slice(2)}/${id}`;
  const puts = [];
  const keptRuns = [...pushed.runs];
  for (let i = 0; i < entries; i++) {
    let outs;
    switch (i % 4) {
      case 0: outs = { 'out.txt': current['out.txt'] }; break;
      case 1: outs = { d: current.d }; break;
      case 2: {
        const stray = sha(`stray ${prefix} ${i}`);
        puts.push([objectKey(stray), `stray ${i}\n`]);
        outs = { 'out.txt': { hash: stray, size: 10, nfiles: 1 } };
        break;
      }
      default: outs = { 'out.txt': { hash: sha(`never pushed ${i}`), size: 10, nfiles: 1 } };
    }
    const body = { stage: 'up', outs, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() };
    const entry = encodeRunEntry(body);
    const fingerprint = sha(`key ${prefix} ${i % 500}`);
    if (i < Math.round(entries * localShare)) await localRuns.put(fingerprint, body);
    const k = runKey(fingerprint, entry.id);
    puts.push([k, entry.text]);
    if (i % 4 < 2) keptRuns.push(k);
  }
  puts.push([runKey(sha(`key ${prefix} damaged`), sha('damaged')), '{"v": not json']);
  await pool(puts, 32, ([key, body]) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body })));
  return { runs: keptRuns.sort(), objects: pushed.objects };
}

async function keys(prefix) {
  const out = [];
  let token;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}/`, ContinuationToken: token }));
    for (const o of page.Contents ?? []) out.push(o.Key ?? '');
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  out.sort();
  return { runs: out.filter((k) => k.startsWith(`${prefix}/runs/`)), objects: out.filter((k) => k.startsWith(`${prefix}/objects/`)) };
}

async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** s3rver in a child process, as the tests start it (test/remote/s3-server.ts), with the latency. */
async function startServer(folder) {
  fs.mkdirSync(folder);
  const script = path.join(REPO, 'test', 'remote', 's3-server-process.mjs');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, folder, BUCKET, String(latency)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((res) => child.once('exit', res));
  const first = await new Promise((res) => {
    createInterface({ input: child.stdout }).once('line', res);
    child.once('exit', () => res(undefined));
  });
  if (first === undefined) fail('s3rver did not start');
  return {
    endpoint: `http://127.0.0.1:${JSON.parse(first).port}`,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

function sh(cwd, cmd, ...argv) {
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) fail(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
}
function pipe(build, cwd, ...argv) {
  const r = timeNode([build.bin, ...argv], cwd, env);
  if (r.code !== 0) fail(`${build.name}: pipe ${argv.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return r;
}
function fail(msg) {
  console.error(`${NAME}: ${msg}`);
  process.exit(1);
}
function usageError(msg) {
  scriptUsageError(NAME, USAGE, msg);
}
