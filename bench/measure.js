// Shared by the bench scripts: run `node <argv>` as a child process and measure it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** How peak RSS is read: from /usr/bin/time when present, else only from a child's own report. */
export const RSS_SOURCE = TIME ? '/usr/bin/time %M' : 'process.resourceUsage().maxRSS (children only)';

/**
 * Runs `node <argv>` in `cwd` (with `env`): exit code, wall ms, CPU ms (user + system) and peak RSS in MB
 * (both NaN without /usr/bin/time), and stdout/stderr (time's own lines removed).
 */
export function timeNode(argv, cwd, env = process.env) {
  const cmd = TIME ?? process.execPath;
  const full = TIME ? ['-f', '__RSS_KB=%M __CPU_S=%U+%S', process.execPath, ...argv] : argv;
  const t0 = performance.now();
  const r = spawnSync(cmd, full, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  let stderr = r.stderr;
  let rssMB = Number.NaN;
  let cpuMs = Number.NaN;
  const m = /__RSS_KB=(\d+) __CPU_S=([\d.]+)\+([\d.]+)\s*$/.exec(stderr);
  if (m) {
    rssMB = Number(m[1]) / 1024;
    cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
    stderr = stderr.slice(0, m.index).replace(/Command exited with non-zero status \d+\n$/, '');
  }
  return { code: r.status, ms, cpuMs, rssMB, stdout: r.stdout, stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The builds an A/B bench runs: this checkout's bin/pipe.js, and with `--against DIR` that
 * checkout's too (each must exist: else `usageError`, which exits).
 * @param {string} repo this checkout's root
 * @param {string | undefined} against the --against value
 * @param {(message: string) => never} usageError
 */
export function buildsToCompare(repo, against, usageError) {
  const builds = [{ name: 'this checkout', bin: path.join(repo, 'bin', 'pipe.js') }];
  if (against) builds.push({ name: path.resolve(against), bin: path.join(path.resolve(against), 'bin', 'pipe.js') });
  for (const b of builds) if (!fs.existsSync(b.bin)) usageError(`${b.bin} not found`);
  return builds;
}

/**
 * A count option's value (`--files 10000`) as a positive integer, or `usageError` naming the flag.
 * @param {string} flag e.g. '--files'
 * @param {string | undefined} value
 * @param {(message: string) => never} usageError
 */
export function positiveInt(flag, value, usageError) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usageError(`${flag} ${value}: expected a positive integer`);
  return n;
}
